package mind.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of conversations, mail and autoexecute ({@code mind.ticket.conversations.*}). */
@ConfigMapping(prefix = "mind.ticket.conversations")
public interface ConversationConfig {

    /**
     * Sender address of outgoing mail (replies, forwards). Per-mailbox senders from settings-svc's
     * subchannels are not read yet, so every mail goes out from this one.
     */
    @WithDefault("${quarkus.mailer.from:mind@localhost}")
    String mailFrom();

    /** {@code Retry-After} of a 503 when SMTP or aiagent-svc cannot be reached. */
    @WithDefault("5")
    int retryAfterSeconds();
}
