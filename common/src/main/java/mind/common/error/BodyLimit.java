package mind.common.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses a request whose body exceeds {@code quarkus.http.limits.max-body-size} with 413 in the JSON
 * error shape: a declared Content-Length before any of the body is read; a chunked body (no length)
 * is read here up to the limit, and refused as soon as it passes it. (Left to the REST layer, a chunked
 * body over the limit was answered 413 without a body, followed by an "already written" error.)
 */
@ApplicationScoped
public class BodyLimit {

    static final ApiError TOO_LARGE = new ApiError("Request body too large", "payload_too_large", List.of());

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        // reads a chunked body into the routing context (where the REST layer takes it from), failing with 413 past the limit
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length)) {
                tooLarge(rc.response());
                return;
            }
            String encoding = rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (length == null && encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                chunked.handle(rc);
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

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
