package mind.ticket.service;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import mind.common.client.RemoteCallException;
import mind.common.error.ApiException;
import mind.ticket.client.RemoteProfile;
import mind.ticket.client.SettingsGateway;
import mind.ticket.config.WorkQueueConfig;
import mind.ticket.domain.RoutingOrder;
import mind.ticket.domain.Skills;

/**
 * What the work queue reads from settings-svc, each kept for {@code mind.ticket.queue.settings-cache-ttl}
 * (a few seconds: a changed setting or skill takes effect soon, and a busy queue does not ask
 * settings-svc on every claim).
 *
 * <p>When settings-svc cannot be reached, the order and the lease fall back to the configured
 * defaults (logged once per outage): handing out tickets in the default order is better than
 * handing out none. The caller's profile has no such fallback: without it the skills are unknown,
 * and handing out a ticket the agent may not work on is worse than a 503.
 */
@ApplicationScoped
public class QueueSettings {

    private static final Logger LOG = Logger.getLogger(QueueSettings.class);
    static final String ORDER = "ticketRoutingOrder";
    static final String LEASE = "ticketLeaseSeconds";
    /** Retry-After of the 503 when settings-svc is down. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final SettingsGateway settings;
    private final WorkQueueConfig config;
    private final Cache<String, Optional<JsonNode>> values;
    private final Cache<String, Optional<RemoteProfile>> profiles;
    private final AtomicBoolean fallingBack = new AtomicBoolean();

    public QueueSettings(SettingsGateway settings, WorkQueueConfig config) {
        this.settings = settings;
        this.config = config;
        this.values = Caffeine.newBuilder().expireAfterWrite(config.settingsCacheTtl()).maximumSize(100).build();
        this.profiles = Caffeine.newBuilder().expireAfterWrite(config.settingsCacheTtl()).maximumSize(10_000).build();
    }

    public RoutingOrder order() {
        return setting(ORDER).map(JsonNode::asText).map(value -> {
            RoutingOrder order = RoutingOrder.parse(value);
            if (order == null) {
                LOG.warnf("%s has the unknown value '%s'; using %s", ORDER, value, config.defaultOrder());
            }
            return order;
        }).orElse(config.defaultOrder());
    }

    public int leaseSeconds() {
        return setting(LEASE).filter(v -> v.canConvertToInt() || v.isTextual())
                .map(v -> v.isTextual() ? parseInt(v.asText()) : v.asInt())
                .filter(seconds -> seconds > 0 && seconds <= 86_400)
                .orElse(config.defaultLeaseSeconds());
    }

    /**
     * The skills of this profile; none when settings-svc has no such profile (an admin or an
     * integration without a profile sees the whole queue).
     *
     * @throws ApiException 503 when settings-svc cannot be asked
     */
    public Skills skills(String agentId) {
        return profile(agentId).map(QueueSettings::skillsOf).orElse(Skills.NONE);
    }

    /**
     * The profile, from the cache when it was read recently.
     *
     * @throws ApiException 503 when settings-svc cannot be asked
     */
    public Optional<RemoteProfile> profile(String agentId) {
        Optional<RemoteProfile> cached = profiles.getIfPresent(agentId);
        if (cached != null) {
            return cached;
        }
        try {
            Optional<RemoteProfile> read = settings.profile(agentId);
            profiles.put(agentId, read);
            return read;
        } catch (RemoteCallException | FaultToleranceException e) {
            LOG.warnf("%s: profile %s could not be read: %s", SettingsGateway.SERVICE, agentId, e.getMessage());
            throw ApiException.unavailable(SettingsGateway.SERVICE + " could not be asked for the profile (skills) of "
                    + "agent " + agentId + "; the work queue cannot tell which tickets are theirs. Try again later.",
                    RETRY_AFTER_SECONDS);
        }
    }

    /** The cached profile, or nothing when it is not cached and cannot be read now (names are a nicety). */
    public Optional<RemoteProfile> profileIfReachable(String agentId) {
        try {
            return profile(agentId);
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** Whether the profile (or that there is none) is cached: {@link #profile} would answer without a call. */
    public boolean profileCached(String agentId) {
        return profiles.getIfPresent(agentId) != null;
    }

    /** Forgets what was read (tests change settings-svc's answers). */
    public void forget() {
        values.invalidateAll();
        profiles.invalidateAll();
    }

    private Optional<JsonNode> setting(String name) {
        Optional<JsonNode> cached = values.getIfPresent(name);
        if (cached != null) {
            return cached;
        }
        Optional<JsonNode> read;
        try {
            read = settings.setting(name);
            if (fallingBack.compareAndSet(true, false)) {
                LOG.infof("%s answers again; work-queue settings are read from it", SettingsGateway.SERVICE);
            }
        } catch (RemoteCallException | FaultToleranceException e) {
            if (fallingBack.compareAndSet(false, true)) {
                LOG.warnf("%s could not be asked for %s (%s); the work queue uses its defaults (order %s, lease %d s) "
                        + "until it answers again", SettingsGateway.SERVICE, name, e.getMessage(), config.defaultOrder(),
                        config.defaultLeaseSeconds());
            }
            read = Optional.empty();
        }
        values.put(name, read);
        return read;
    }

    static Skills skillsOf(RemoteProfile profile) {
        if (profile.settings() == null) {
            return Skills.NONE;
        }
        Skills.Match match = "ALL".equalsIgnoreCase(profile.settings().skillMatch()) ? Skills.Match.ALL : Skills.Match.AT_LEAST_ONE;
        return new Skills(profile.settings().skills() == null ? java.util.List.of()
                : profile.settings().skills().stream().filter(java.util.Objects::nonNull).distinct().toList(), match);
    }

    private static Integer parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
