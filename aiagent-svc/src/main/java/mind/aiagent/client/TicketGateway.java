package mind.aiagent.client;

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

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.client.RemoteErrors;
import mind.common.client.RemoteNotFoundException;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;

/**
 * The one way to ticket-svc. Reads are retried when ticket-svc says "not now"; writes are retried too
 * because each carries an Idempotency-Key (ticket-svc answers a repeated key with its first answer).
 * A call that timed out is not retried: ticket-svc may still be working on it. "No such ticket" is
 * data ({@link Optional#empty()}), never a failure of ticket-svc.
 */
@ApplicationScoped
// no transaction is held across a remote call; the REST client finishes on Vert.x threads
@Transactional(Transactional.TxType.NOT_SUPPORTED)
// the same policy for every call (each method still has its own circuit breaker)
@Timeout(3000)
@Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
        TimeoutException.class, CircuitBreakerOpenException.class })
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = RemoteRejectedException.class)
public class TicketGateway {

    public static final String SERVICE = "ticket-svc";

    private final TicketClient client;
    private final TicketEventClient events;

    public TicketGateway(@RestClient TicketClient client, @RestClient TicketEventClient events) {
        this.client = client;
        this.events = events;
    }

    /** The ticket as GET /ticket/{id} answers it, or empty when ticket-svc has none. */
    public Optional<JsonNode> ticket(long id) {
        try {
            return Optional.ofNullable(client.get(id));
        } catch (RemoteNotFoundException e) {
            return Optional.empty();
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    public JsonNode patchTicket(long id, JsonNode body, String idempotencyKey) {
        try {
            return client.patch(id, idempotencyKey, body);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    public JsonNode reply(long id, JsonNode body, String idempotencyKey) {
        try {
            return client.reply(id, idempotencyKey, body);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    public JsonNode event(long id, JsonNode body, String idempotencyKey, String serviceToken) {
        try {
            return events.event(id, idempotencyKey, "Bearer " + serviceToken, body);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    /** ticket-svc's {@code POST /ticket/search}; a read, so retried like one. */
    public JsonNode search(JsonNode body) {
        try {
            return client.search(body);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }
}
