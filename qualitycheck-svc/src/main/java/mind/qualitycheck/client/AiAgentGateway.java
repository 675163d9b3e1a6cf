package mind.qualitycheck.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

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
 * The one way to aiagent-svc. Both calls change nothing there (a lookup and a dry run), so "not now"
 * failures are retried once. Defaults below;
 * {@code quarkus.fault-tolerance."mind.qualitycheck.client.AiAgentGateway/<method>".*} overrides them.
 */
@ApplicationScoped
// No database connection is held while aiagent-svc works.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class AiAgentGateway {

    public static final String SERVICE = "aiagent-svc";

    private final AiAgentClient client;

    public AiAgentGateway(@RestClient AiAgentClient client) {
        this.client = client;
    }

    /**
     * The agent by numeric id or slug, read with the calling user's token; empty when aiagent-svc does
     * not know it.
     *
     * @throws mind.common.error.ApiException 503 when aiagent-svc is unavailable, 403 when it refuses the user
     */
    public Optional<AgentRef> agent(String id) {
        try {
            return Optional.ofNullable(lookup(id));
        } catch (RemoteRejectedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw Dependencies.toApi(SERVICE, e);
        } catch (RuntimeException e) {
            throw Dependencies.toApi(SERVICE, e);
        }
    }

    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    AgentRef lookup(String id) {
        try {
            return client.agent(id);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    /**
     * The dry run for a user's request (see {@link #dryRun}), its failures as that user is answered.
     *
     * @param authorization the calling user's {@code Authorization} header
     * @throws mind.common.error.ApiException 404 when aiagent-svc knows the agent or the ticket no longer, 503 when
     *         it is unavailable, 403 when it refuses the user, 502 for another refusal
     */
    public Outcome dryRunFor(String authorization, long aiAgentRef, long ticketId) {
        try {
            return dryRun(authorization, aiAgentRef, ticketId);
        } catch (RemoteRejectedException e) {
            if (e.status() == 404) {
                throw mind.common.error.ApiException.notFound(SERVICE + ": " + e.getMessage());
            }
            throw Dependencies.toApi(SERVICE, e);
        } catch (RuntimeException e) {
            throw Dependencies.toApi(SERVICE, e);
        }
    }

    /**
     * Runs agent {@code aiAgentRef} on the ticket as a dry run (nothing is written anywhere).
     *
     * @param authorization the worker's service token, {@code Bearer ...}
     * @throws RemoteRejectedException aiagent-svc refused (final, e.g. the agent is gone)
     * @throws RuntimeException anything else: aiagent-svc was not available, worth trying later
     */
    @Timeout(20000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = { RemoteRejectedException.class,
            CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Outcome dryRun(String authorization, long aiAgentRef, long ticketId) {
        Outcome outcome;
        try {
            outcome = client.outcome(authorization,
                    new OutcomeRequest(aiAgentRef, ticketId, JsonNodeFactory.instance.objectNode(), true));
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
        if (outcome == null) {
            throw new RemoteUnavailableException(SERVICE, 200, null, SERVICE + " answered without an outcome", null);
        }
        return outcome;
    }
}
