package mind.common.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses a request whose body exceeds {@code quarkus.http.limits.max-body-size} with 413 in the JSON
 * error shape: a declared Content-Length before any of the body is read; a chunked body (no length)
 * is read here up to the limit, and refused as soon as it passes it. (Left to the REST layer, a chunked
 * body over the limit was answered 413 without a body, followed by an "already written" error.)
 *
 * <p>Every other body (JSON, text; not multipart or form data) is also read here, whole, on the I/O
 * thread, before the REST layer runs: the REST layer takes a body already in the routing context as it
 * is. Left to it, a blocking endpoint read its body on the worker thread through a blocking stream fed
 * chunk by chunk from the I/O thread, a hand-over per chunk that was a fifth of the CPU of a small POST
 * (JFR of callReceived and POST /ticket, bench/RESULTS.md). Not over HTTP/2: there the REST layer pauses the
 * request as it starts, which Vert.x refuses once the body has been read ("Request has already been read").
 */
@ApplicationScoped
public class BodyLimit {

    static final ApiError TOO_LARGE = new ApiError("Request body too large", "payload_too_large", List.of());

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        // reads a body into the routing context (where the REST layer takes it from), failing with 413 past the limit
        BodyHandler whole = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length)) {
                tooLarge(rc.response());
                return;
            }
            String encoding = rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
            boolean chunked = length == null && encoding != null
                    && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
            if (chunked || (length != null && !isEmpty(length) && rc.request().version() != HttpVersion.HTTP_2
                    && readsWhole(rc.request().getHeader(HttpHeaders.CONTENT_TYPE)))) {
                whole.handle(rc);
                return;
            }
            rc.next();
        }).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().ended() && !rc.response().headWritten()) {
                tooLarge(rc.response());
                return;
            }
            rc.next();
        });
    }

    private static void tooLarge(HttpServerResponse response) {
        response.setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(TOO_LARGE));
    }

    /** Multipart and form bodies are the REST layer's to decode (as form parameters or uploads). */
    private static boolean readsWhole(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return !type.startsWith("multipart/") && !type.startsWith("application/x-www-form-urlencoded");
    }

    private static boolean isEmpty(String contentLength) {
        return "0".equals(contentLength.trim());
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
