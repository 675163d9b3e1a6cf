package mind.common.client;

/**
 * Another service did not answer in time (read timeout, a proxy's 504). Unlike other unavailability
 * it is not retried: the service may still be working on the first request, and a retry would only
 * add load to a service that is already slow. The caller answers 503.
 */
public class RemoteTimeoutException extends RemoteUnavailableException {

    public RemoteTimeoutException(String service, int status, String message, Throwable cause) {
        super(service, status, null, message, cause);
    }
}
