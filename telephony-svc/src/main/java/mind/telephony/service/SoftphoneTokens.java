package mind.telephony.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import mind.common.error.ApiException;
import mind.telephony.config.SoftphoneConfig;

/**
 * Short-lived tokens for an agent's softphone: HS256 JWTs signed with {@code mind.telephony.softphone.signing-key}
 * with the claims iss, aud, sub (the agent's profile id), iat, nbf, exp, jti and scope {@code softphone}.
 */
@ApplicationScoped
public class SoftphoneTokens {

    public static final String SCOPE = "softphone";
    static final int MIN_KEY_BYTES = 32;
    static final Duration MIN_TTL = Duration.ofSeconds(10);
    static final Duration MAX_TTL = Duration.ofHours(24);

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt, long expiresIn) {
    }

    private final SoftphoneConfig config;
    private final Clock clock;

    public SoftphoneTokens(SoftphoneConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A key too short to be safe, or a lifetime out of bounds, stops the service at start (never silently weak). */
    void check(@Observes StartupEvent start) {
        config.signingKey().ifPresent(key -> {
            if (key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
                throw new IllegalStateException("mind.telephony.softphone.signing-key must be at least " + MIN_KEY_BYTES
                        + " bytes long");
            }
        });
        if (config.ttl().compareTo(MIN_TTL) < 0 || config.ttl().compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("mind.telephony.softphone.ttl must be between 10s and 24h, is " + config.ttl());
        }
    }

    public Issued issue(String userId) {
        String key = config.signingKey().orElseThrow(() -> new ApiException(501, "softphone_not_configured",
                "No softphone signing key is configured (mind.telephony.softphone.signing-key)"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // JWT times are whole seconds
        Instant expires = now.plus(config.ttl());
        JwtSignatureBuilder jws = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(userId)
                .issuedAt(now)
                .claim("nbf", now.getEpochSecond())
                .expiresAt(expires)
                .claim("jti", UUID.randomUUID().toString())
                .claim("scope", SCOPE)
                .jws();
        config.keyId().ifPresent(jws::keyId);
        return new Issued(jws.signWithSecret(key), expires, config.ttl().toSeconds());
    }
}
