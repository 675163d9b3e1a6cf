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

import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;

/**
 * The one way to ticket-svc: reading a ticket, which is safe to retry. Overridable through
 * {@code quarkus.fault-tolerance."mind.qualitycheck.client.TicketGateway/<method>".*}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class TicketGateway {

    public static final String SERVICE = "ticket-svc";

    private final TicketClient client;

    public TicketGateway(@RestClient TicketClient client) {
        this.client = client;
    }

    /**
     * The ticket read with the calling user's token; empty when ticket-svc does not know it.
     *
     * @throws mind.common.error.ApiException 503 when ticket-svc is unavailable, 403 when it refuses the user
     */
    public Optional<TicketRef> ticket(long id) {
        try {
            return Optional.ofNullable(read(null, id));
        } catch (RemoteRejectedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw Dependencies.toApi(SERVICE, e);
        } catch (RuntimeException e) {
            throw Dependencies.toApi(SERVICE, e);
        }
    }

    /**
     * The ticket read with the worker's service token; empty when unknown.
     *
     * @throws RemoteRejectedException ticket-svc refused (final)
     * @throws RuntimeException anything else: ticket-svc was not available, worth trying later
     */
    public Optional<TicketRef> ticketAs(String authorization, long id) {
        try {
            return Optional.ofNullable(read(authorization, id));
        } catch (RemoteRejectedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    TicketRef read(String authorization, long id) {
        try {
            return authorization == null ? client.ticket(id) : client.ticketAs(authorization, id);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }
}
