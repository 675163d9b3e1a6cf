package mind.common.auth;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.arc.DefaultBean;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import mind.common.error.ApiException;

/**
 * Looks profiles up in settings-svc ({@code GET /api/mind/profile/{id}}) with the caller's own token, and
 * keeps each answer for {@code mind.auth.on-behalf-of.cache-ttl} (a few seconds, so a role change takes
 * effect quickly) in a cache bounded by {@code cache-max-size}. Unknown profiles are not cached. Hit and
 * miss counts are {@code cache_gets_total{cache="on-behalf-of-profiles"}} at {@code /q/metrics}.
 */
@ApplicationScoped
@DefaultBean
public class RemoteProfileDirectory implements ProfileDirectory {

    static final String METRIC_NAME = "on-behalf-of-profiles";
    private static final String SERVICE = "settings-svc";
    private static final Logger LOG = Logger.getLogger(RemoteProfileDirectory.class);

    /** The part of settings-svc's profile answer this needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProfileAnswer(Long id, String role, List<String> permissions) {
    }

    private final ProfileLookupClient client;
    private final Cache<Long, ActingProfile> cache;

    public RemoteProfileDirectory(AuthConfig config, MeterRegistry registry) {
        AuthConfig.OnBehalfOf settings = config.onBehalfOf();
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(settings.settingsUrl()))
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(ProfileLookupClient.class);
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxSize())
                .expireAfterWrite(settings.cacheTtl())
                // evict on the caller's thread, so the bound holds as soon as a put returns
                .executor(Runnable::run)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, METRIC_NAME);
    }

    @Override
    public Optional<ActingProfile> find(long profileId, String callerToken) {
        ActingProfile cached = cache.getIfPresent(profileId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ActingProfile> found = fetch(profileId, callerToken);
        found.ifPresent(p -> cache.put(profileId, p));
        return found;
    }

    /** Profiles held now (after pending evictions ran): never more than cache-max-size. */
    public long cachedProfiles() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Optional<ActingProfile> fetch(long profileId, String callerToken) {
        Response answered;
        try {
            answered = client.get(profileId, "Bearer " + callerToken);
        } catch (WebApplicationException e) {
            // the client's default mapper turns every answer of 400 or more into this; the status is what counts
            answered = e.getResponse();
        } catch (ProcessingException e) {
            LOG.warnf("%s unreachable for a profile lookup: %s", SERVICE, e.getMessage());
            throw ApiException.unavailable(SERVICE + " is unreachable; retry shortly", 2);
        }
        try (Response response = answered) {
            int status = response.getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            if (status == 401 || status == 403) {
                // the caller's token was good enough here but not for settings-svc: not this caller's to use
                throw new ApiException(403, "forbidden", "settings-svc refused to show profile " + profileId + " to this token");
            }
            if (status != 200) {
                LOG.warnf("%s answered %d to a profile lookup", SERVICE, status);
                throw ApiException.unavailable(SERVICE + " did not answer the profile lookup; retry shortly", 2);
            }
            ProfileAnswer answer = response.readEntity(ProfileAnswer.class);
            if (answer == null || answer.role() == null) {
                throw ApiException.unavailable(SERVICE + " answered a profile without a role", 2);
            }
            Set<String> permissions = new HashSet<>(answer.permissions() == null ? List.of() : answer.permissions());
            return Optional.of(new ActingProfile(profileId, answer.role(), permissions));
        }
    }
}
