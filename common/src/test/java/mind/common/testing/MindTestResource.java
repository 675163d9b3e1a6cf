package mind.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real parts a service test needs: a real PostgreSQL (zonky embedded binaries from Maven
 * Central, no Docker), started once per test JVM and shared by every Quarkus boot in it, and the
 * public half of the test signing key, so that tokens from {@link TestTokens} validate.
 */
public class MindTestResource implements QuarkusTestResourceLifecycleManager {

    /** The one browser origin tests configure as trusted for cookie-authorised writes. */
    public static final String TRUSTED_ORIGIN = "https://app.mind.test";

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.oidc.public-key", JwtMinter.pemBody(publicKeyPem()),
                // the frontend whose state-changing requests the connect.sid cookie may authorise
                "mind.auth.cookie-origins", TRUSTED_ORIGIN);
    }

    @Override
    public void stop() {
        // kept for the next Quarkus boot in this JVM; closed by the shutdown hook
    }

    static String publicKeyPem() {
        return resource("/mind-test-keys/public.pem");
    }

    static String resource(String name) {
        try (InputStream in = MindTestResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
