package mind.common.client;

/**
 * Another service refused the request itself (a 4xx other than those that say "not now"): sending
 * it again would fail again, so it is neither retried nor counted by a circuit breaker. Carries
 * what the other service said, for the caller to translate into its own error.
 */
public class RemoteRejectedException extends RuntimeException {

    private final String service;
    private final int status;
    private final String code;

    public RemoteRejectedException(String service, int status, String code, String message) {
        super(message);
        this.service = service;
        this.status = status;
        this.code = code;
    }

    public String service() {
        return service;
    }

    /** Its HTTP status. */
    public int status() {
        return status;
    }

    /** The stable code of its error body ({@code validation_failed}), or null. */
    public String code() {
        return code;
    }
}
