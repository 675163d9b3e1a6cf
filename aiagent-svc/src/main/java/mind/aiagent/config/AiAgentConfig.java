package mind.aiagent.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code mind.aiagent.*}. */
@ConfigMapping(prefix = "mind.aiagent")
public interface AiAgentConfig {

    /**
     * Bearer token (a serviceWorker token) for the activity event an applied outcome appends to the
     * ticket: ticket-svc accepts events from services only. Unset: the event is skipped and the
     * outcome says so.
     */
    Optional<String> serviceToken();

    /** Base URL of an executor service that runs source-code executors; unset: they do not run. */
    Optional<String> executorUrl();
}
