package mind.common.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** The token of a request's {@code Authorization: Bearer ...} header, for the mechanisms that look at it first. */
final class BearerHeader {

    private static final String BEARER = "Bearer ";

    private BearerHeader() {
    }

    /** The bearer token, trimmed, or null when the request has no bearer Authorization header. */
    static String token(RoutingContext context) {
        String header = context.request().headers().get(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }
}
