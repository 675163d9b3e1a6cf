package mind.common.client;

/**
 * Another service's own "no such object": a 404 in the Mind error shape with code {@code not_found}
 * (see {@link RemoteErrors#classifyRead}). Data for the caller, not a failure: never retried, never
 * counted by a circuit breaker (it is a {@link RemoteRejectedException}).
 */
public class RemoteNotFoundException extends RemoteRejectedException {

    public RemoteNotFoundException(String service, String message) {
        super(service, 404, "not_found", message == null ? "no such object" : message);
    }
}
