package mind.ticket.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Notes whether the client itself sent an {@code Authorization} header, before common's
 * {@code ConnectSidBridge} copies a {@code connect.sid} cookie into one (the bridge does so for GET always).
 * An endpoint that changes state on GET asks {@link #sent}: a browser sends its cookie with any request another
 * site makes it send, but it never adds a header on its own, so a header proves the request was meant.
 */
@ApplicationScoped
public class HeaderCredentials {

    static final String SENT = "mind.ticket.authorization-header-sent";
    /** Above ConnectSidBridge's 1000: filters of a higher priority run first. */
    static final int PRIORITY = 1100;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            rc.put(SENT, rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null);
            rc.next();
        }, PRIORITY);
    }

    /** Whether the client sent the Authorization header (not a cookie the bridge turned into one). */
    static boolean sent(RoutingContext rc) {
        return Boolean.TRUE.equals(rc.get(SENT));
    }
}
