package mind.settings.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.auth.ApiKeyIdentity;
import mind.common.auth.ApiKeys;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.settings.api.ApiKeyView;
import mind.settings.api.ProfileView;
import mind.settings.config.ApiKeyConfig;
import mind.settings.domain.ApiKey;
import mind.settings.repository.ApiKeyRepository;

/**
 * Issues, lists, revokes and resolves API keys. A key is {@code mind_<id>_<secret>} with 256 random bits
 * of secret; only the secret's SHA-256 is stored (a random secret of that size needs no slow hash), and
 * it is compared in constant time. A key works while it is neither revoked nor expired and its profile
 * exists; it acts with the profile's role and permissions as they are at the time of each request (with a custom
 * role: the base role, and the custom role's permissions, as {@link ProfileView} answers them).
 */
@ApplicationScoped
public class ApiKeyService {

    private static final String LOCK = "api-key.profile";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just issued: the only moment its text is known. */
    public record Issued(String token, ApiKeyView key) {

        @Override
        public String toString() {
            return "Issued[key=" + key + "]";
        }
    }

    private final ApiKeyRepository keys;
    private final ProfileService profiles;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final ApiKeyConfig config;

    public ApiKeyService(ApiKeyRepository keys, ProfileService profiles, AdvisoryLocks locks, Clock clock, ApiKeyConfig config) {
        this.keys = keys;
        this.profiles = profiles;
        this.locks = locks;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    public Issued issue(long profileId, String name, Instant expiresAt, String issuedBy) {
        requireProfile(profileId);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Instant expires = expiresAt == null ? now.plus(config.defaultLifetime()) : expiresAt.truncatedTo(ChronoUnit.SECONDS);
        if (!expires.isAfter(now)) {
            throw ApiException.invalidField("expiresAt", "must lie in the future");
        }
        if (expires.isAfter(now.plus(config.maxLifetime()))) {
            throw ApiException.invalidField("expiresAt", "must lie within " + config.maxLifetime().toDays()
                    + " days from now");
        }
        // one issue per profile at a time, so the bound holds under parallel requests
        locks.lock(LOCK, Long.toString(profileId));
        if (keys.usable(profileId, now) >= config.maxPerProfile()) {
            throw ApiException.conflict("too_many_api_keys", "Profile " + profileId + " holds "
                    + config.maxPerProfile() + " usable API keys; revoke one first");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey();
        key.profileId = profileId;
        key.name = name.strip();
        key.secretHash = sha256(secret);
        key.tokenSuffix = secret.substring(secret.length() - 4);
        key.createdAt = now;
        key.expiresAt = expires;
        key.issuedBy = issuedBy;
        keys.persist(key);
        return new Issued(ApiKeys.format(key.id, secret), ApiKeyView.of(key));
    }

    @ReadOnly
    public List<ApiKeyView> list(long profileId) {
        requireProfile(profileId);
        return keys.ofProfile(profileId).stream().map(ApiKeyView::of).toList();
    }

    /** Revokes at once; revoking a revoked key changes nothing and answers it as it is. */
    @Transactional
    public ApiKeyView revoke(long profileId, long keyId) {
        ApiKey key = keys.findByIdOptional(keyId).filter(k -> k.profileId == profileId)
                .orElseThrow(() -> ApiException.notFound("No API key " + keyId + " of profile " + profileId));
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        }
        return ApiKeyView.of(key);
    }

    /** What a key stands for now, or empty when it is malformed, unknown, wrong, revoked or expired. */
    @Transactional
    public Optional<ApiKeyIdentity> resolve(String token) {
        ApiKeys.Parsed parsed = ApiKeys.parse(token);
        if (parsed == null) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Optional<ApiKey> found = keys.findByIdOptional(parsed.keyId())
                .filter(k -> MessageDigest.isEqual(k.secretHash, sha256(parsed.secret())))
                .filter(k -> k.revokedAt == null && k.expiresAt.isAfter(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        Optional<ProfileView> profile = profiles.find(key.profileId, false);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        keys.touch(key.id, now.truncatedTo(ChronoUnit.SECONDS));
        ProfileView p = profile.get();
        return Optional.of(new ApiKeyIdentity(p.id(), p.role().name(), new HashSet<>(p.permissions()), key.id, key.expiresAt));
    }

    private void requireProfile(long profileId) {
        if (profiles.find(profileId, false).isEmpty()) {
            throw ApiException.notFound("No profile with id " + profileId);
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
