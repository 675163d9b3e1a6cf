package mind.common.client;

/**
 * Another service could not do it now: no connection, a 5xx, a 404 from a route missing during a
 * deploy, 408, 409 (the same Idempotency-Key still in flight there) or 429. Worth retrying, and a
 * caller that gives up answers 503 with {@code Retry-After}.
 */
public class RemoteUnavailableException extends RuntimeException {

    private final String service;
    private final int status;
    private final String code;

    public RemoteUnavailableException(String service, int status, String code, String message, Throwable cause) {
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

    /** The stable code of its error body, or null. */
    public String code() {
        return code;
    }
}
