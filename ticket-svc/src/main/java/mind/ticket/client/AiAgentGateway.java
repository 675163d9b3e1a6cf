package mind.ticket.client;

import java.time.temporal.ChronoUnit;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to aiagent-svc. Running an agent for real changes things, so a call is retried only
 * because it always carries an Idempotency-Key: aiagent-svc answers a repeated key with its first
 * answer instead of running the agent again. Only "not now" failures are retried; a call that timed
 * out is not (aiagent-svc may still be running the agent).
 *
 * Defaults below; {@code quarkus.fault-tolerance."mind.ticket.client.AiAgentGateway/outcome".*} overrides them.
 */
@ApplicationScoped
// No database connection is held while an agent runs.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class AiAgentGateway {

    /** How aiagent-svc is named in errors and logs. */
    public static final String SERVICE = "aiagent-svc";

    private final AiAgentClient client;

    public AiAgentGateway(@RestClient AiAgentClient client) {
        this.client = client;
    }

    /**
     * Runs agent {@code aiAgentId} on the ticket and applies its outcome (no dry run).
     *
     * @param idempotencyKey required: it makes the retry safe
     * @throws RemoteRejectedException aiagent-svc refused the request (final), including 404
     * @throws RemoteUnavailableException aiagent-svc could not be reached or answered 5xx
     *         ({@link RemoteTimeoutException} when it did not answer in time), or a
     *         {@link org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException}
     */
    @Timeout(20000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Outcome outcome(long aiAgentId, long ticketId, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "an outcome call is retried, so it needs an Idempotency-Key");
        Outcome outcome;
        try {
            outcome = client.outcome(idempotencyKey,
                    new OutcomeRequest(aiAgentId, ticketId, JsonNodeFactory.instance.objectNode(), false));
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
        if (outcome == null) {
            throw new RemoteUnavailableException(SERVICE, 200, null, SERVICE + " answered without an outcome", null);
        }
        return outcome;
    }
}
