package mind.settings.client;

import java.time.temporal.ChronoUnit;

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
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;

/**
 * The one way to ticket-svc. The search is a read, so it is retried when ticket-svc says "not now"; a
 * call that timed out is not retried (the caller is waiting). Failures arrive as common's RemoteUnavailableException / RemoteRejectedException
 * or a fault-tolerance exception (timeout, open circuit); callers decide between 503 and a degraded answer.
 */
@ApplicationScoped
// no transaction is held across a remote call
@Transactional(Transactional.TxType.NOT_SUPPORTED)
@Timeout(3000)
@Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
        TimeoutException.class, CircuitBreakerOpenException.class })
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = RemoteRejectedException.class)
public class TicketGateway {

    public static final String SERVICE = "ticket-svc";

    private final TicketClient client;

    public TicketGateway(@RestClient TicketClient client) {
        this.client = client;
    }

    /** ticket-svc's {@code GET /ticket/{id}?viewing=false&includeCustomer=true}: the ticket's fields at top level. */
    public JsonNode ticket(long id) {
        try {
            return client.get(id, false, true);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    /** ticket-svc's {@code POST /ticket/search}: {tickets, total, offset, limit, success}. */
    public JsonNode search(JsonNode body) {
        try {
            return client.search(body);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }
}
