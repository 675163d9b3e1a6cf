package mind.common.auth;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How requests are authenticated beyond what quarkus-oidc's own keys say. */
@ConfigMapping(prefix = "mind.auth")
public interface AuthConfig {

    /**
     * Origins ({@code https://app.example.com}) of the browser frontends whose state-changing
     * requests may be authorised by the {@code connect.sid} cookie. Empty: the cookie authorises
     * safe methods only, and every POST, PATCH, PUT or DELETE needs the Authorization header.
     */
    Optional<List<String>> cookieOrigins();
}
