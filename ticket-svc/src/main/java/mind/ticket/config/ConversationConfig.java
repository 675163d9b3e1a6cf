package mind.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of conversations, mail and autoexecute ({@code mind.ticket.conversations.*}). */
@ConfigMapping(prefix = "mind.ticket.conversations")
public interface ConversationConfig {

    /**
     * Sender address of outgoing mail (replies, forwards) whose subchannel names no sender of its own
     * ({@code data.fromEmail}), or that has no subchannel.
     */
    @WithDefault("${quarkus.mailer.from:mind@localhost}")
    String mailFrom();

    /** How long a subchannel's sender read from settings-svc is used before it is read again. */
    @WithDefault("30s")
    java.time.Duration senderCacheTime();

    /** {@code Retry-After} of a 503 when SMTP or aiagent-svc cannot be reached. */
    @WithDefault("5")
    int retryAfterSeconds();
}
