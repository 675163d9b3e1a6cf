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
