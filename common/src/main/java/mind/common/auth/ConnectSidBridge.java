package mind.common.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Browser frontends send the same JWT in the {@code connect.sid} cookie instead of the
 * Authorization header. quarkus-oidc reads bearer tokens from the header only, so this filter,
 * which runs before authentication, copies the cookie into {@code Authorization: Bearer} when no
 * header was sent. A header always wins over the cookie.
 *
 * <p>A browser sends cookies with requests that any other site makes it send, so the cookie alone
 * must never authorise a state change (cross-site request forgery). It is therefore used for every
 * method other than GET, HEAD and OPTIONS only when the request's {@code Origin} (or, lacking it, the
 * origin of its {@code Referer}) is one of {@code mind.auth.cookie-origins}. A few reads change state
 * too (a ticket's ping records presence and renews the caller's claim; the mailbox authorization starts
 * an OAuth flow), so a safe method is authorised by the cookie unless the browser marks the request as
 * another site's: {@code Sec-Fetch-Site: cross-site}, or, from a browser that sends no
 * {@code Sec-Fetch-Site}, an {@code Origin} header (browsers send none on a same-origin GET); such a
 * request still gets the cookie's authority when its origin is trusted, as a write would. Otherwise the
 * cookie is ignored and the request is unauthenticated (401), exactly as without it.
 */
@ApplicationScoped
public class ConnectSidBridge {

    static final String COOKIE = "connect.sid";
    /** Fetch metadata: same-origin, same-site, cross-site or none (typed by the user). */
    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
    /** Above the priority of Quarkus' authentication handlers, so the header exists when they run. */
    static final int PRIORITY = 1000;

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Set<String> trustedOrigins;

    public ConnectSidBridge(AuthConfig config) {
        this.trustedOrigins = config.cookieOrigins().orElse(List.of()).stream()
                .map(ConnectSidBridge::originOf)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            HttpServerRequest request = rc.request();
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                Cookie cookie = request.getCookie(COOKIE);
                String token = cookie == null ? null : tokenOf(cookie.getValue());
                if (token != null && (SAFE.contains(request.method()) && !fromAnotherSite(request)
                        || fromTrustedOrigin(request))) {
                    request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            }
            rc.next();
        }, PRIORITY);
    }

    /**
     * Whether the browser says another site made it send this request: its fetch metadata, or, from a
     * browser too old to send that, the Origin header it adds to cross-origin requests only.
     */
    static boolean fromAnotherSite(HttpServerRequest request) {
        String site = request.getHeader(SEC_FETCH_SITE);
        if (site != null) {
            return "cross-site".equalsIgnoreCase(site.strip());
        }
        return request.getHeader(HttpHeaders.ORIGIN) != null;
    }

    private boolean fromTrustedOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            // Some browsers omit Origin on same-origin requests; the Referer then names the page.
            String referer = request.getHeader(HttpHeaders.REFERER);
            return referer != null && originOf(referer).map(trustedOrigins::contains).orElse(false);
        }
        return originOf(origin).map(trustedOrigins::contains).orElse(false);
    }

    /**
     * {@code scheme://host[:port]} in lower case, the port left out where it is the scheme's
     * default; empty for anything that is not an absolute http(s) URL (including {@code null}, the
     * origin of sandboxed frames).
     */
    static Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
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
