package mind.common.testing;

import java.time.Duration;
import java.util.Set;


/** Signed JWTs for tests, with the key pair whose public half {@link MindTestResource} configures. */
public final class TestTokens {

    private static final JwtMinter MINTER = new JwtMinter(
            JwtMinter.readPrivateKey(MindTestResource.resource("/mind-test-keys/private.pem")));

    private TestTokens() {
    }

    public static String token(long userId, String... groups) {
        return MINTER.mint(userId, Set.of(groups), Duration.ofHours(1));
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
