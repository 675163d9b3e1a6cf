package mind.settings.hooks;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import mind.common.client.ExecutorEndpoint;
import mind.common.client.RemoteRejectedException;
import mind.settings.config.HooksConfig;

/**
 * The one way to the executor endpoint that runs hooks' functions ({@code mind.settings.hooks.executor-url}), through
 * common's {@link ExecutorEndpoint} (no caller's header travels there; bodies never logged). No retry here: a run
 * that fails for "not now" reasons is put back and tried again later by {@link HookRunner}, with a backoff. The
 * circuit opens when the endpoint keeps failing, so that a round does not wait for every run's timeout.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class HookExecutorGateway {

    public static final String SERVICE = "the executor endpoint";
    /** Longest answer read; a hook's answer is a success flag and perhaps an error. */
    static final int MAX_ANSWER = 100_000;

    private final Optional<ExecutorEndpoint> endpoint;

    public HookExecutorGateway(HooksConfig config) {
        this.endpoint = config.executorUrl().filter(s -> !s.isBlank())
                .map(s -> new ExecutorEndpoint(SERVICE, URI.create(s.strip()), config.executorTimeout(), MAX_ANSWER,
                        "check mind.settings.hooks.executor-url and the hook's function"));
    }

    /** Whether {@code mind.settings.hooks.executor-url} is set. */
    public boolean configured() {
        return endpoint.isPresent();
    }

    /** POSTs a run's request and answers the body of a 2xx answer; failures as {@link ExecutorEndpoint#post}. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public String run(byte[] request) {
        return endpoint.orElseThrow(() -> new IllegalStateException("the executor endpoint is not configured")).post(request);
    }
}
