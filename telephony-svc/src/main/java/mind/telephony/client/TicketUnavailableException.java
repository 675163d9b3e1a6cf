package mind.telephony.client;

/** ticket-svc could not take the ticket now (down, 5xx, 404 from a missing route, busy); worth retrying. */
public class TicketUnavailableException extends RuntimeException {

    public TicketUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public TicketUnavailableException(String message) {
        super(message);
    }
}
