package mind.telephony.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one way to ticket-svc. Retrying a create is safe because every call carries an
 * Idempotency-Key: ticket-svc answers a repeated key with the ticket it made the first time.
 */
@ApplicationScoped
// Callers hold no transaction while ticket-svc is called (CallService claims and fills the queue
// entry in separate short ones; callReceived's Idempotency-Key handling is not atomic). Should a
// caller ever open one, it is suspended: the REST client finishes on Vert.x threads, which must not join it.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class TicketGateway {

    private final TicketClient client;

    public TicketGateway(@RestClient TicketClient client) {
        this.client = client;
    }

    /**
     * Creates a ticket in ticket-svc.
     *
     * @param aiProcessing false asks ticket-svc not to run AI agents on it ({@code process=false})
     * @throws TicketRejectedException ticket-svc refused the ticket (final)
     * @throws TicketUnavailableException or a {@link org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException}
     *         when ticket-svc could not be reached or answered in time
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { TicketRejectedException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = TicketRejectedException.class)
    public CreatedTicket create(TicketDraft draft, boolean aiProcessing, String idempotencyKey) {
        CreatedTicket created;
        try {
            created = client.create(aiProcessing ? null : "false", idempotencyKey, draft);
        } catch (ProcessingException e) {
            // The exception mapper's verdict may arrive wrapped; anything else is a transport failure.
            if (e.getCause() instanceof TicketRejectedException rejected) {
                throw rejected;
            }
            if (e.getCause() instanceof TicketUnavailableException unavailable) {
                throw unavailable;
            }
            throw new TicketUnavailableException("ticket-svc could not be reached", e);
        }
        if (created == null || created.id() == null) {
            throw new TicketUnavailableException("ticket-svc answered without a ticket id");
        }
        return created;
    }
}
