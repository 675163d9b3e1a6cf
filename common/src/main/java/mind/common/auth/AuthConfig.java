package mind.common.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How requests are authenticated beyond what quarkus-oidc's own keys say. */
@ConfigMapping(prefix = "mind.auth")
public interface AuthConfig {

    /**
     * Origins ({@code https://app.example.com}) of the browser frontends whose state-changing
     * requests may be authorised by the {@code connect.sid} cookie. Empty: the cookie authorises
     * safe methods only, and every POST, PATCH, PUT or DELETE needs the Authorization header.
     */
    Optional<List<String>> cookieOrigins();

    /** Verified bearer tokens kept so that a token sent again is not verified again (see VerifiedTokens). */
    TokenCache tokenCache();

    /** {@code X-Enneo-On-Behalf-Of}: how the profile named in the header is looked up (see OnBehalfOf). */
    OnBehalfOf onBehalfOf();

    /** API keys ({@code Bearer mind_...}): how a service other than settings-svc resolves them (see RemoteApiKeyDirectory). */
    ApiKeysLookup apiKeys();

    interface ApiKeysLookup {

        /** settings-svc, which answers {@code GET /api/mind/jwt/identity}; defaults to the service's settings client URL. */
        @WithDefault("${quarkus.rest-client.settings.url:http://localhost:8084}")
        String settingsUrl();

        /** Longest wait for settings-svc's answer (connect and read each). */
        @WithDefault("2s")
        Duration timeout();

        /**
         * An answer (valid or not) is reused this long, never past the key's expiry: a revoked key is refused
         * by settings-svc at once and by the other services within this time.
         */
        @WithDefault("5s")
        Duration cacheTtl();

        /** Distinct keys kept; the least recently used go first. */
        @WithDefault("10000")
        long cacheMaxSize();
    }

    interface OnBehalfOf {

        /** settings-svc, which answers {@code GET /api/mind/profile/{id}}; defaults to the service's settings client URL. */
        @WithDefault("${quarkus.rest-client.settings.url:http://localhost:8084}")
        String settingsUrl();

        /** Longest wait for settings-svc's answer (connect and read each). */
        @WithDefault("2s")
        Duration timeout();

        /** A profile's role and permissions are reused this long, so a burst of requests costs one lookup. */
        @WithDefault("5s")
        Duration cacheTtl();

        /** Distinct profiles kept; the least recently used go first. */
        @WithDefault("1000")
        long cacheMaxSize();
    }

    interface TokenCache {

        @WithDefault("true")
        boolean enabled();

        /** Distinct tokens kept; the least recently used go first. */
        @WithDefault("10000")
        long maxSize();

        /** No entry outlives its token's exp; none is kept longer than this either. */
        @WithDefault("10m")
        Duration maxAge();
    }
}
