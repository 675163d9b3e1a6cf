package mind.aiagent.client;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.config.AiAgentConfig;
import mind.common.client.ExecutorEndpoint;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to the executor endpoint that runs source-code executors ({@code mind.aiagent.executor-url}),
 * through common's {@link ExecutorEndpoint} (no caller's header travels there; bodies never logged). "Not now" failures
 * (no connection, 5xx, 408, 429) are retried once, like the LLM endpoint's; a call that timed out is not,
 * so that the whole outcome stays within what ticket-svc waits for it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ExecutorGateway {

    public static final String SERVICE = "the executor endpoint";
    /** Longest answer read; an executor's outcome is a short text and a few ticket fields. */
    static final int MAX_ANSWER = 1_000_000;

    private final Optional<ExecutorEndpoint> endpoint;
    private final ObjectMapper mapper;

    public ExecutorGateway(AiAgentConfig config, ObjectMapper mapper) {
        this.endpoint = config.executorUrl().filter(s -> !s.isBlank())
                .map(s -> new ExecutorEndpoint(SERVICE, URI.create(s.strip()), config.executorTimeout(), MAX_ANSWER,
                        "check mind.aiagent.executor-url and the agent's executor settings"));
        this.mapper = mapper;
    }

    /** Whether {@code mind.aiagent.executor-url} is set. */
    public boolean configured() {
        return endpoint.isPresent();
    }

    /**
     * POSTs {@code request} (language, code, parameters, ticket, secrets) and answers the body of a 2xx answer,
     * unread: whether it is a usable outcome is the caller's question, not a failure of the endpoint.
     *
     * @throws RemoteRejectedException    the endpoint refused the request (4xx other than 408/429)
     * @throws RemoteUnavailableException it could not be reached, failed or is overloaded
     * @throws RemoteTimeoutException     it did not answer in time
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public String run(ObjectNode request) {
        ExecutorEndpoint target = endpoint.orElseThrow(() -> new IllegalStateException("the executor endpoint is not configured"));
        try {
            return target.post(mapper.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the executor request could not be written", e);
        }
    }
}
