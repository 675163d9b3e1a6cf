package mind.telephony.client;

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

import io.quarkus.runtime.annotations.RegisterForReflection;
import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to ticket-svc. Retrying a create is safe because every call carries an
 * Idempotency-Key: ticket-svc answers a repeated key with the ticket it made the first time.
 * Only failures that say "not now" are retried (no connection, 5xx, a missing route, busy); a call
 * that timed out is not, since ticket-svc may still be working on it and is slow already.
 *
 * The values below are defaults; {@code quarkus.fault-tolerance."mind.telephony.client.TicketGateway/create".*}
 * overrides them, and the telephony claim staleness is checked against the result at start
 * ({@link mind.common.client.CallBudget}).
 */
// CallBudget reads the fault-tolerance annotations of create() by reflection (ClaimTiming): a native
// image keeps methods and their annotations only for registered classes
@RegisterForReflection(methods = true, fields = false)
@ApplicationScoped
// Callers hold no transaction while ticket-svc is called (CallService claims and fills the queue
// entry in separate short ones; callReceived's Idempotency-Key handling is not atomic). Should a
// caller ever open one, it is suspended: the REST client finishes on Vert.x threads, which must not join it.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class TicketGateway {

    /** How ticket-svc is named in errors and logs. */
    public static final String SERVICE = "ticket-svc";

    private final TicketClient client;

    public TicketGateway(@RestClient TicketClient client) {
        this.client = client;
    }

    /**
     * Creates a ticket in ticket-svc.
     *
     * @param aiProcessing false asks ticket-svc not to run AI agents on it ({@code process=false})
     * @throws RemoteRejectedException ticket-svc refused the ticket (final)
     * @throws RemoteUnavailableException ticket-svc could not be reached or did not answer in time
     *         ({@link RemoteTimeoutException}), or a {@link org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException}
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public CreatedTicket create(TicketDraft draft, boolean aiProcessing, String idempotencyKey) {
        CreatedTicket created;
        try {
            created = client.create(aiProcessing ? null : "false", idempotencyKey, draft);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
        if (created == null || created.id() == null) {
            throw new RemoteUnavailableException(SERVICE, 200, null, SERVICE + " answered without a ticket id", null);
        }
        return created;
    }

    /**
     * The ticket as ticket-svc has it, read with the caller's token; empty when ticket-svc has no such ticket.
     *
     * @throws RemoteRejectedException ticket-svc refused the read (the token)
     * @throws RemoteUnavailableException ticket-svc could not be reached or did not answer in time
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Optional<CreatedTicket> find(long ticketId) {
        try {
            return Optional.ofNullable(client.get(ticketId));
        } catch (RemoteUnavailableException e) {
            if (e.status() == 404 && e.code() != null) {
                return Optional.empty(); // ticket-svc's own "no such ticket", not a missing route
            }
            throw e;
        } catch (ProcessingException e) {
            RuntimeException failure = RemoteErrors.unwrap(SERVICE, e);
            if (failure instanceof RemoteUnavailableException u && u.status() == 404 && u.code() != null) {
                return Optional.empty();
            }
            throw failure;
        }
    }
}
