package mind.common.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Sorts what another Mind service answered, or failed to answer, into {@link RemoteRejectedException}
 * (final), {@link RemoteUnavailableException} (worth retrying) and {@link RemoteTimeoutException}
 * (unavailable, but not to be retried). One rule for every REST client wrapper:
 *
 * <pre>
 * &#64;ClientExceptionMapper
 * static RuntimeException toException(Response response) {
 *     return RemoteErrors.classify("ticket-svc", response);
 * }
 * </pre>
 *
 * and in the wrapper {@code catch (ProcessingException e) { throw RemoteErrors.unwrap("ticket-svc", e); }},
 * with {@code @Retry(abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class, TimeoutException.class, ... })}.
 */
public final class RemoteErrors {

    /** Longest message passed on from another service's error body: it ends up in our answers and logs. */
    static final int MAX_MESSAGE = 500;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private RemoteErrors() {
    }

    /**
     * The exception for an error answer (status 400 or above) of {@code service}, carrying its status
     * and, when the body has the Mind error shape, its {@code code} and {@code error} message.
     */
    public static RuntimeException classify(String service, Response response) {
        int status = response.getStatus();
        String code = null;
        String message = null;
        JsonNode body = body(response);
        if (body != null && body.isObject()) {
            code = text(body.get("code"));
            message = text(body.get("error"));
        }
        String said = service + " answered " + status + ": " + (message == null ? "no error message" : message);
        return switch (status) {
            // 404: the route is missing (a deploy in progress; "not found" of an object is read as data by
            // the wrapper before it gets here); 408/429: busy; 409: the same Idempotency-Key is still in flight.
            case 404, 408, 409, 429 -> new RemoteUnavailableException(service, status, code, said, null);
            // a proxy gave up waiting: the service may still be working on it
            case 504 -> new RemoteTimeoutException(service, status, said, null);
            default -> status >= 500
                    ? new RemoteUnavailableException(service, status, code, said, null)
                    : new RemoteRejectedException(service, status, code, message == null ? "no error message" : message);
        };
    }

    /**
     * As {@link #classify}, for a client that reads objects by id: the other service's own "no such
     * object" (404 with code {@code not_found}) is a {@link RemoteNotFoundException}, which the caller reads
     * as data; any other 404 is a route missing right now, as {@link #classify} sorts it.
     */
    public static RuntimeException classifyRead(String service, Response response) {
        if (response.getStatus() != 404) {
            return classify(service, response);
        }
        String text;
        try {
            text = response.getEntity() instanceof String built ? built : response.readEntity(String.class);
        } catch (RuntimeException e) {
            text = null;
        }
        Response again = Response.status(404).entity(text).build();
        JsonNode body = body(again);
        if (body != null && body.isObject() && "not_found".equals(text(body.get("code")))) {
            return new RemoteNotFoundException(service, text(body.get("error")));
        }
        return classify(service, again);
    }

    /**
     * What a {@link ProcessingException} from a REST client call means: the verdict of
     * {@link #classify} when it arrives wrapped, a {@link RemoteTimeoutException} when the answer did
     * not come in time, else a {@link RemoteUnavailableException} (no connection, connection lost).
     */
    public static RuntimeException unwrap(String service, ProcessingException e) {
        if (e.getCause() instanceof RemoteRejectedException rejected) {
            return rejected;
        }
        if (e.getCause() instanceof RemoteUnavailableException unavailable) {
            return unavailable;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                // nothing was sent (refused, or the connect itself timed out): safe to try again
                return new RemoteUnavailableException(service, 0, null, service + " could not be reached", e);
            }
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return new RemoteTimeoutException(service, 0, service + " did not answer in time", e);
            }
        }
        return new RemoteUnavailableException(service, 0, null, service + " could not be reached", e);
    }

    private static JsonNode body(Response response) {
        try {
            String text = response.getEntity() instanceof String built ? built : response.readEntity(String.class);
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (Exception e) {
            // not the Mind error shape (a proxy's page, an empty body): the status says enough
            return null;
        }
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.asText();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
