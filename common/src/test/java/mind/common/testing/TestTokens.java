package mind.common.testing;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Signed JWTs for tests, with the key pair whose public half {@link MindTestResource} configures. */
public final class TestTokens {

    private static final PrivateKey KEY = JwtMinter.readPrivateKey(MindTestResource.resource("/mind-test-keys/private.pem"));
    private static final JwtMinter MINTER = new JwtMinter(KEY);

    private TestTokens() {
    }

    public static String token(long userId, String... groups) {
        return MINTER.mint(userId, Set.of(groups), Duration.ofHours(1));
    }

    /**
     * A token signed with the test key whose issuer, audience and expiry are chosen by the test, for
     * proving that each of them is checked. A null audience leaves the claim out.
     */
    public static String custom(long userId, String issuer, String audience, Instant expiresAt, String... groups) {
        var claims = Jwt.issuer(issuer).subject(Long.toString(userId)).groups(Set.of(groups))
                .issuedAt(expiresAt.minus(Duration.ofHours(1))).expiresAt(expiresAt);
        if (audience != null) {
            claims.audience(audience);
        }
        return claims.sign(KEY);
    }

    public static String bearer(long userId, String... groups) {
        return "Bearer " + token(userId, groups);
    }

    public static String admin() {
        return bearer(1, "admin");
    }

    public static String agent(long userId) {
        return bearer(userId, "agent");
    }

    public static String serviceWorker() {
        return bearer(900, "serviceWorker");
    }
}
