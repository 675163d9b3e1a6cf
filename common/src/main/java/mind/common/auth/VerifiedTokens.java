package mind.common.auth;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Identities of bearer tokens whose signature, issuer, audience and expiry quarkus-oidc has already
 * checked, so that the same token sent again (a frontend sends one token for many requests) is not
 * verified again: RS256 verification was the largest single cost of a request.
 *
 * <p>Keyed by the whole token, signature included, and found by string equality, so a token that
 * differs in any character (a changed signature or payload) is never served from here. (It was the
 * token's SHA-256 before: hashing every request's token cost more than the map lookup it served,
 * and the entry holds the token in its credential anyway.) An entry is never used
 * past its token's {@code exp}: it expires then in the cache, and every read checks it again
 * against the clock. Bounded in size (least recently used go first) and in age
 * ({@code mind.auth.token-cache.max-age}). Hit and miss counts are exported as
 * {@code cache_gets_total{cache="verified-tokens"}} at {@code /q/metrics}.
 */
@ApplicationScoped
public class VerifiedTokens {

    static final String METRIC_NAME = "verified-tokens";

    /** Per-request attributes of an identity: never carried from one request to the next. */
    private static final Set<String> REQUEST_ATTRIBUTES = Set.of(RoutingContext.class.getName(),
            AuthenticationRequestContext.class.getName());

    /** What a verified token stands for, without anything that belongs to the request it came with. */
    record Verified(Principal principal, Set<String> roles, Set<Credential> credentials, Map<String, Object> attributes,
            Instant expiresAt) {

        /** The credential quarkus-oidc built when it verified the token (immutable, so shared by later requests). */
        AccessTokenCredential accessToken() {
            for (Credential credential : credentials) {
                if (credential instanceof AccessTokenCredential token) {
                    return token;
                }
            }
            return null;
        }
    }

    private final Cache<String, Verified> cache;
    private final Clock clock;
    private final boolean enabled;

    public VerifiedTokens(AuthConfig config, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.enabled = config.tokenCache().enabled();
        Duration maxAge = config.tokenCache().maxAge();
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.tokenCache().maxSize())
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        Duration untilExpiry = Duration.between(clock.instant(), value.expiresAt());
                        return Math.max(0, Math.min(untilExpiry.toNanos(), maxAge.toNanos()));
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, METRIC_NAME);
    }

    /** The verified identity of this token, if it was verified before and has not expired since. */
    Verified find(String token) {
        if (!enabled) {
            return null;
        }
        Verified verified = cache.getIfPresent(token);
        if (verified != null && !verified.expiresAt().isAfter(clock.instant())) {
            cache.invalidate(token);
            return null;
        }
        return verified;
    }

    /** Keeps the identity quarkus-oidc made for this token, when the token has an expiry. */
    void remember(String token, SecurityIdentity identity) {
        if (!enabled || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        Instant expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
        if (!expiresAt.isAfter(clock.instant())) {
            return;
        }
        // some attributes are null, which Map.copyOf refuses
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.keySet().removeAll(REQUEST_ATTRIBUTES);
        cache.put(token, new Verified(identity.getPrincipal(), Set.copyOf(identity.getRoles()),
                Set.copyOf(identity.getCredentials()), java.util.Collections.unmodifiableMap(attributes), expiresAt));
    }
}
