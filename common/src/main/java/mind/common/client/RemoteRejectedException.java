package mind.common.client;

/**
 * Another service refused the request itself (a 4xx other than those that say "not now"): sending
 * it again would fail again, so it is neither retried nor counted by a circuit breaker. Carries
 * what the other service said, for the caller to translate into its own error.
 */
public class RemoteRejectedException extends RemoteCallException {

    public RemoteRejectedException(String service, int status, String code, String message) {
        super(service, status, code, message, null);
    }
}
