package mind.qualitycheck.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of qualitycheck-svc ({@code mind.qualitycheck.*}). */
@ConfigMapping(prefix = "mind.qualitycheck")
public interface QualityCheckConfig {

    /** Most test cases one run may hold (and one agent may have); a bound on the run's size. */
    @WithDefault("1000")
    int maxTestCasesPerAgent();

    Worker worker();

    /**
     * {@code mind.qualitycheck.hooks.*}: {@code mind.qualitycheck.hooks.QualityHookRelay} (common's EventOutboxRelay),
     * which hands the {@code hook_outbox} rows (TestTicketAiQuality) to settings-svc with the worker's service token.
     */
    Hooks hooks();

    interface Hooks extends mind.common.hooks.EventOutboxConfig {
    }

    interface Worker {

        /** Whether this replica works on test tickets at all. */
        @WithDefault("true")
        boolean enabled();

        /** Test tickets this replica tests at once (dry runs in flight). */
        @WithDefault("4")
        int parallelism();

        /** How often an idle worker looks for due jobs; scheduling a run wakes it at once. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a taken job is a worker's own. A worker that crashed (or a replica that was killed)
         * leaves its jobs leased; they become due again when the lease runs out. Must be longer than a
         * dry run can take (the outcome call's timeout times its attempts).
         */
        @WithDefault("2m")
        Duration lease();

        /** Tries per test ticket when aiagent-svc or ticket-svc is unavailable; then the ticket fails. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the next try after an unavailable dependency. */
        @WithDefault("10s")
        Duration retryDelay();

        /**
         * Bearer token (a JWT with serviceWorker) the worker sends to aiagent-svc and ticket-svc: background
         * work has no user's token to pass on. Without it the worker's calls are refused and tickets fail.
         */
        Optional<String> serviceToken();
    }
}
