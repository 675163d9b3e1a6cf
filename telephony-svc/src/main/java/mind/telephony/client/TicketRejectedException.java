package mind.telephony.client;

/**
 * ticket-svc refused the ticket itself (4xx other than not-found, in-flight and rate limit):
 * sending it again would fail again, so it is neither retried nor counted by the circuit breaker.
 */
public class TicketRejectedException extends RuntimeException {

    private final int status;

    public TicketRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** ticket-svc's HTTP status. */
    public int status() {
        return status;
    }
}
