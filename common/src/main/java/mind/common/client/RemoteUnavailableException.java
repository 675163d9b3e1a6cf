package mind.common.client;

/**
 * Another service could not do it now: no connection, a 5xx, a 404 from a route missing during a
 * deploy, 408, 409 (the same Idempotency-Key still in flight there) or 429. Worth retrying, and a
 * caller that gives up answers 503 with {@code Retry-After}.
 */
public class RemoteUnavailableException extends RemoteCallException {

    public RemoteUnavailableException(String service, int status, String code, String message, Throwable cause) {
        super(service, status, code, message, cause);
    }
}
