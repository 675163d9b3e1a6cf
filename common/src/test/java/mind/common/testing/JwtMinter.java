package mind.common.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs Mind JWTs with an RSA private key: subject = user id, {@code groups} = roles and permissions.
 * Used by the test support and by the local suite's {@code ./mind token} (local/ depends on this
 * test-jar for it); in production tokens come from the identity provider and services only validate
 * them, so this stays off the services' classpath.
 */
public final class JwtMinter {

    public static final String ISSUER = "mind";
    /** Services accept only tokens meant for them: {@code quarkus.oidc.token.audience}. */
    public static final String AUDIENCE = "mind";

    private final PrivateKey key;

    public JwtMinter(PrivateKey key) {
        this.key = key;
    }

    public String mint(long userId, Set<String> groups, Duration ttl) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(Long.toString(userId))
                .upn("user-" + userId)
                .groups(groups)
                .expiresIn(ttl)
                .sign(key);
    }

    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    public static String toPem(java.security.Key key, String type) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The base64 body of a PEM, the form {@code quarkus.oidc.public-key} takes. */
    public static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    public static PrivateKey readPrivateKey(String pkcs8Pem) {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody(pkcs8Pem));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an RSA private key in PKCS#8 PEM form", e);
        }
    }

    public static PrivateKey readPrivateKey(Path pem) throws java.io.IOException {
        return readPrivateKey(Files.readString(pem));
    }
}
