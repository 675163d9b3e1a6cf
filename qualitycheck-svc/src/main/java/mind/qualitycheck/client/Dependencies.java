package mind.qualitycheck.client;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import mind.common.client.RemoteRejectedException;
import mind.common.error.ApiException;

/** How a failed call to another service is answered to the user whose request made it. */
final class Dependencies {

    /** Seconds a client is told to wait after a 503 caused by another service. */
    static final int RETRY_AFTER_SECONDS = 5;

    private Dependencies() {
    }

    static ApiException toApi(String service, RuntimeException e) {
        if (e instanceof RemoteRejectedException rejected) {
            int status = rejected.status() == 401 || rejected.status() == 403 ? 403 : 502;
            return new ApiException(status, "dependency_rejected", service + " refused the request: " + rejected.getMessage());
        }
        String reason = switch (e) {
            case TimeoutException t -> service + " did not answer in time";
            case CircuitBreakerOpenException c -> service + " failed repeatedly; calls to it pause for a few seconds";
            case FaultToleranceException f -> service + " could not be called";
            default -> e.getMessage();
        };
        return new ApiException(503, "dependency_unavailable", reason + "; try again later", List.of(), RETRY_AFTER_SECONDS);
    }
}
