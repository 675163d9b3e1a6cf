package mind.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class RemoteErrorsTest {

    private static RuntimeException classify(int status, String body) {
        return RemoteErrors.classify("ticket-svc", Response.status(status).entity(body).build());
    }

    @Test
    void finalRefusalsAreRejectedWithWhatTheServiceSaid() {
        for (int status : new int[] { 400, 401, 403, 413, 422 }) {
            RemoteRejectedException e = assertInstanceOf(RemoteRejectedException.class,
                    classify(status, "{\"success\":false,\"error\":\"subject too long\",\"code\":\"validation_failed\"}"));
            assertEquals(status, e.status());
            assertEquals("validation_failed", e.code());
            assertEquals("subject too long", e.getMessage());
            assertEquals("ticket-svc", e.service());
        }
        assertEquals("no error message", classify(400, "<html>proxy</html>").getMessage());
    }

    @Test
    void notNowAnswersAreUnavailable() {
        for (int status : new int[] { 404, 408, 409, 429, 500, 502, 503 }) {
            RuntimeException e = classify(status, "{\"error\":\"busy\",\"code\":\"x\"}");
            assertEquals(RemoteUnavailableException.class, e.getClass(), "status " + status);
            assertEquals(status, ((RemoteUnavailableException) e).status());
            assertEquals("ticket-svc answered " + status + ": busy", e.getMessage());
        }
        assertInstanceOf(RemoteTimeoutException.class, classify(504, null));
    }

    @Test
    void transportFailuresAreSortedByWhetherAnythingWasSent() {
        RuntimeException refused = RemoteErrors.unwrap("ticket-svc", new ProcessingException(new ConnectException("refused")));
        assertEquals(RemoteUnavailableException.class, refused.getClass());
        assertEquals("ticket-svc could not be reached", refused.getMessage());

        RuntimeException readTimeout = RemoteErrors.unwrap("ticket-svc",
                new ProcessingException(new RuntimeException(new TimeoutException("The timeout period of 2000ms has been exceeded"))));
        assertInstanceOf(RemoteTimeoutException.class, readTimeout);
        assertInstanceOf(RemoteTimeoutException.class,
                RemoteErrors.unwrap("ticket-svc", new ProcessingException(new SocketTimeoutException())));

        RemoteRejectedException rejected = new RemoteRejectedException("ticket-svc", 400, null, "no");
        assertSame(rejected, RemoteErrors.unwrap("ticket-svc", new ProcessingException(rejected)));
    }
}
