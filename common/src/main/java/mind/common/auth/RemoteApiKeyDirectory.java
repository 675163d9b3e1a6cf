package mind.common.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.arc.DefaultBean;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import mind.common.error.ApiException;
import mind.common.time.ApiTime;

/**
 * Resolves API keys through settings-svc ({@code GET /api/mind/jwt/identity}, authenticated by the key
 * itself) and keeps each answer, valid or not, for {@code mind.auth.api-keys.cache-ttl} (never past the
 * key's expiry), so that an integration's burst costs one lookup and a flood of made-up keys does not
 * reach settings-svc more than once each. Keyed by the whole key, compared by equality, like the
 * verified-token cache. Hit and miss counts are {@code cache_gets_total{cache="api-keys"}} at {@code /q/metrics}.
 */
@ApplicationScoped
@DefaultBean
public class RemoteApiKeyDirectory implements ApiKeyDirectory {

    static final String METRIC_NAME = "api-keys";
    private static final String SERVICE = "settings-svc";
    private static final Logger LOG = Logger.getLogger(RemoteApiKeyDirectory.class);

    /** The part of settings-svc's answer this needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IdentityAnswer(Long profileId, String role, List<String> permissions, Long keyId, String expiresAt) {
    }

    /** An answer as kept: the identity, or none for a key that is not valid. */
    private record Answer(Optional<ApiKeyIdentity> identity) {
    }

    private final ApiKeyLookupClient client;
    private final Cache<String, Answer> cache;
    private final Clock clock;

    public RemoteApiKeyDirectory(AuthConfig config, MeterRegistry registry, Clock clock) {
        AuthConfig.ApiKeysLookup settings = config.apiKeys();
        this.clock = clock;
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(settings.settingsUrl()))
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(ApiKeyLookupClient.class);
        long ttl = settings.cacheTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxSize())
                .expireAfter(new Expiry<String, Answer>() {
                    @Override
                    public long expireAfterCreate(String key, Answer value, long currentTime) {
                        Instant expiresAt = value.identity().map(ApiKeyIdentity::expiresAt).orElse(null);
                        if (expiresAt == null) {
                            return ttl;
                        }
                        return Math.max(0, Math.min(ttl, Duration.between(clock.instant(), expiresAt).toNanos()));
                    }

                    @Override
                    public long expireAfterUpdate(String key, Answer value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Answer value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, METRIC_NAME);
    }

    @Override
    public Optional<ApiKeyIdentity> resolve(String key) {
        Answer cached = cache.getIfPresent(key);
        if (cached == null) {
            cached = new Answer(fetch(key));
            cache.put(key, cached);
        }
        Optional<ApiKeyIdentity> identity = cached.identity();
        if (identity.isPresent() && identity.get().expiresAt() != null && !identity.get().expiresAt().isAfter(clock.instant())) {
            cache.invalidate(key);
            return Optional.empty();
        }
        return identity;
    }

    private Optional<ApiKeyIdentity> fetch(String key) {
        Response answered;
        try {
            answered = client.identity("Bearer " + key);
        } catch (WebApplicationException e) {
            answered = e.getResponse();
        } catch (ProcessingException e) {
            LOG.warnf("%s unreachable for an API key lookup: %s", SERVICE, e.getMessage());
            throw ApiException.unavailable(SERVICE + " is unreachable; retry shortly", 2);
        }
        try (Response response = answered) {
            int status = response.getStatus();
            if (status == 401 || status == 403) {
                return Optional.empty();
            }
            if (status != 200) {
                LOG.warnf("%s answered %d to an API key lookup", SERVICE, status);
                throw ApiException.unavailable(SERVICE + " did not answer the API key lookup; retry shortly", 2);
            }
            IdentityAnswer answer = response.readEntity(IdentityAnswer.class);
            if (answer == null || answer.profileId() == null || answer.role() == null || answer.keyId() == null) {
                throw ApiException.unavailable(SERVICE + " answered an API key lookup without its identity", 2);
            }
            Instant expiresAt = answer.expiresAt() == null ? null : ApiTime.parse(answer.expiresAt());
            return Optional.of(new ApiKeyIdentity(answer.profileId(), answer.role(),
                    java.util.Set.copyOf(answer.permissions() == null ? List.of() : answer.permissions()), answer.keyId(),
                    expiresAt));
        }
    }
}
