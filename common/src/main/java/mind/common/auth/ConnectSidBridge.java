package mind.common.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;

/**
 * Browser frontends send the same JWT in the {@code connect.sid} cookie instead of the
 * Authorization header. quarkus-oidc reads bearer tokens from the header only, so this filter,
 * which runs before authentication, copies the cookie into {@code Authorization: Bearer} when no
 * header was sent. A header always wins over the cookie.
 */
@ApplicationScoped
public class ConnectSidBridge {

    static final String COOKIE = "connect.sid";
    /** Above the priority of Quarkus' authentication handlers, so the header exists when they run. */
    static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                Cookie cookie = rc.request().getCookie(COOKIE);
                String token = cookie == null ? null : tokenOf(cookie.getValue());
                if (token != null) {
                    rc.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            }
            rc.next();
        }, PRIORITY);
    }

    /**
     * Express-style session cookies may be URL-encoded and prefixed with {@code s:}; the JWT is what
     * remains. A cookie that cannot be decoded is ignored, so the request is simply unauthenticated.
     */
    static String tokenOf(String value) {
        String decoded;
        try {
            decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        String token = decoded.startsWith("s:") ? decoded.substring(2) : decoded;
        return token.isBlank() ? null : token;
    }
}
