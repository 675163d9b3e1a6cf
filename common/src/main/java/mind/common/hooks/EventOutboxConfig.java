package mind.common.hooks;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The settings of a service's {@link EventOutboxRelay}, for its {@code @ConfigMapping} to extend (aiagent-svc's
 * {@code mind.aiagent.hooks.*}, qualitycheck-svc's {@code mind.qualitycheck.hooks.*}).
 */
public interface EventOutboxConfig {

    /** Off: this replica relays nothing; the rows wait (every change still records its event). */
    @WithDefault("true")
    boolean enabled();

    /** How often each replica looks for rows to send ({@code off} disables the schedule). */
    @WithDefault("1s")
    String every();

    /** Rows leased and sent per call (settings-svc takes at most 100 events per call). */
    @WithDefault("100")
    int batch();

    /** How long a replica holds the rows it leased: another sends them again after that. */
    @WithDefault("30s")
    Duration lease();

    /** The wait after the first failed attempt, doubling per attempt up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration backoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** How long the event types that have hooks, read from settings-svc, are reused. */
    @WithDefault("5s")
    Duration typesTtl();
}
