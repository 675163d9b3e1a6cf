package mind.telephony.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The agents' event streams ({@code GET /telephony/events}): {@code mind.telephony.events.*}. */
@ConfigMapping(prefix = "mind.telephony.events")
public interface EventStreamConfig {

    /**
     * How far back a reconnecting stream ({@code Last-Event-ID}) is given what it missed; older events
     * are pruned. A browser that was away longer has no use for "open the ticket of that call" anyway.
     */
    @WithDefault("5m")
    Duration replayWindow();

    /** How often a stream gets a comment line, so that proxies and load balancers keep an idle stream open. */
    @WithDefault("20s")
    Duration heartbeat();

    /** How often old events are deleted (every replica does it; {@code off} disables it). */
    @WithDefault("60s")
    String pruneEvery();

    /**
     * Open streams per agent on one replica (browser tabs); a further one closes the agent's oldest
     * stream, whose client is most likely gone.
     */
    @WithDefault("5")
    int maxStreamsPerAgent();

    /** Open streams on one replica; past it a new stream is answered 503 with Retry-After. */
    @WithDefault("2000")
    int maxStreams();

    /** Events read for one stream in one round (a reconnect after a long gap reads in rounds). */
    @WithDefault("100")
    int batch();

    /**
     * Where the listener (one connection per replica, LISTEN) connects, as {@code postgresql://host:port/db}.
     * Unset: host, port and database of {@code quarkus.datasource.jdbc.url}, with the datasource's user
     * and password.
     */
    Optional<String> listenUrl();

    /** Wait before the listener connects again after losing its connection. */
    @WithDefault("1s")
    Duration reconnectDelay();
}
