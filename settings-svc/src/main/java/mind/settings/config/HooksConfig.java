package mind.settings.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How event hooks run ({@code mind.settings.hooks.*}; README, "Event hooks: how they run"). */
@ConfigMapping(prefix = "mind.settings.hooks")
public interface HooksConfig {

    /**
     * The executor endpoint that runs a hook's function (the same protocol as aiagent-svc's source-code executors,
     * {@code MIND_SETTINGS_HOOKS_EXECUTOR_URL}). Unset: events are still recorded as pending runs, and run once it is set.
     */
    Optional<String> executorUrl();

    /** One call's timeout (a 10 s fault-tolerance timeout sits behind it). */
    @WithDefault("8S")
    Duration executorTimeout();

    /** Whether this replica runs due hooks (off in tests, which run them by hand). */
    @WithDefault("true")
    boolean enabled();

    /** How many runs one round leases. */
    @WithDefault("20")
    int batch();

    /** How long a leased run is left to this replica before another may take it. */
    @WithDefault("60S")
    Duration lease();

    /** The wait after a first failed attempt; it doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("5S")
    Duration backoff();

    @WithDefault("10M")
    Duration maxBackoff();

    /** Attempts before a run whose executor stays unavailable is given up as failed. */
    @WithDefault("8")
    int maxAttempts();
}
