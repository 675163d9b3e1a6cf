package mind.telephony.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import mind.telephony.client.SettingsGateway;
import mind.telephony.config.TelephonyConfig;

/**
 * The ACD settings of settings-svc, read with the service token and reused for
 * {@code mind.telephony.acd.cache-for}; while settings-svc cannot be read, the last values (or the
 * configured fallbacks) are used, so that calls keep flowing.
 */
@ApplicationScoped
public class AcdSettings {

    private static final Logger LOG = Logger.getLogger(AcdSettings.class);
    static final List<String> NAMES = List.of("acdEnabled", "acdQueues", "acdWrapUpSeconds", "acdMaxWaitSeconds",
            "acdRingTimeoutSeconds");

    /** The values in force. */
    public record Values(boolean enabled, JsonNode queues, int wrapUpSeconds, int maxWaitSeconds, int ringTimeoutSeconds) {
    }

    private record Cached(Values values, Instant until) {
    }

    private final SettingsGateway settings;
    private final TelephonyConfig config;
    private final Clock clock;
    private volatile Cached cached;

    public AcdSettings(SettingsGateway settings, TelephonyConfig config, Clock clock) {
        this.settings = settings;
        this.config = config;
        this.clock = clock;
    }

    public Values current(String callerAuthorization) {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.until())) {
            return c.values();
        }
        try {
            String auth = config.serviceToken().map(t -> "Bearer " + t).orElse(callerAuthorization);
            Map<String, JsonNode> byName = settings.settings(NAMES, auth).stream()
                    .filter(s -> s.hasNonNull("name"))
                    .collect(Collectors.toMap(s -> s.get("name").asText(), s -> s.path("value"), (a, b) -> a));
            Values v = new Values(byName.getOrDefault("acdEnabled", JsonNodeFactory.instance.booleanNode(false)).asBoolean(),
                    byName.getOrDefault("acdQueues", JsonNodeFactory.instance.arrayNode()),
                    intOr(byName.get("acdWrapUpSeconds"), config.acd().wrapUpSeconds()),
                    intOr(byName.get("acdMaxWaitSeconds"), config.acd().maxWaitSeconds()),
                    intOr(byName.get("acdRingTimeoutSeconds"), 20));
            cached = new Cached(v, clock.instant().plus(config.acd().cacheFor()));
            return v;
        } catch (RuntimeException e) {
            LOG.warnf("ACD settings could not be read from settings-svc (%s); using %s", e.getMessage(),
                    c != null ? "the last values read" : "the configured fallbacks");
            return c != null ? c.values() : fallback();
        }
    }

    Values fallback() {
        return new Values(false, JsonNodeFactory.instance.arrayNode(), config.acd().wrapUpSeconds(),
                config.acd().maxWaitSeconds(), 20);
    }

    /** Forgets the values read (tests, and after an admin changed them). */
    public void forget() {
        cached = null;
    }

    private static int intOr(JsonNode node, int fallback) {
        return node != null && node.canConvertToInt() ? node.asInt() : fallback;
    }
}
