package mind.common.client;

/**
 * A call to another service that did not give the answer asked for: what that service is, and what
 * it said. {@link RemoteRejectedException} and {@link RemoteUnavailableException} tell whether it is
 * worth trying again.
 */
public abstract class RemoteCallException extends RuntimeException {

    private final String service;
    private final int status;
    private final String code;

    protected RemoteCallException(String service, int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.status = status;
        this.code = code;
    }

    /** The other service, as named in messages (ticket-svc). */
    public String service() {
        return service;
    }

    /** Its HTTP status; 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** The stable code of its error body ({@code validation_failed}), or null. */
    public String code() {
        return code;
    }
}
