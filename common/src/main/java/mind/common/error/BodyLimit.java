package mind.common.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Refuses a request whose declared Content-Length exceeds {@code quarkus.http.limits.max-body-size}
 * with 413 in the JSON error shape, before any of it is read. (Vert.x enforces the same limit on
 * chunked bodies, but answers those without a body.)
 */
@ApplicationScoped
public class BodyLimit {

    static final ApiError TOO_LARGE = new ApiError("Request body too large", "payload_too_large", List.of());

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length)) {
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(TOO_LARGE));
                return;
            }
            rc.next();
        });
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
