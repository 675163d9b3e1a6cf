package mind.ticket.tags;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The tag-name tests' settings: how long names are kept and how often settings-svc may be asked. */
public final class TagNamesProfiles {

    /** Tests make settings-svc fail on purpose; an open breaker would keep the next test's calls from reaching it. */
    private static final String NO_CIRCUIT_BREAKER =
            "quarkus.fault-tolerance.\"mind.ticket.client.SettingsGateway/tags\".circuit-breaker.enabled";

    private TagNamesProfiles() {
    }

    /** Names kept long (no refresh by age during a test), settings-svc asked again at most every 3 s. */
    public static final class LongTtl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mind.ticket.tags.ttl", "10m",
                    "mind.ticket.tags.min-refresh-interval", "3s",
                    "mind.ticket.tags.first-load-wait", "2s",
                    NO_CIRCUIT_BREAKER, "false");
        }
    }

    /** Names outdated after half a second, so tests see refreshes by age. */
    public static final class ShortTtl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mind.ticket.tags.ttl", "500ms",
                    "mind.ticket.tags.min-refresh-interval", "100ms",
                    "mind.ticket.tags.first-load-wait", "2s",
                    NO_CIRCUIT_BREAKER, "false");
        }
    }
}
