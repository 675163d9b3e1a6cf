package mind.settings.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A fixed clock, small data limits and short database timeouts, to prove that services take them
 * from the shared Clock bean and from configuration.
 */
public class SharedPiecesProfile implements QuarkusTestProfile {

    public static final Instant NOW = Instant.parse("2031-02-03T04:05:06.123456Z");

    /** Replaces common's default Clock wherever this profile is active. */
    @Alternative
    @Singleton
    public static class FixedClock {
        @Produces
        @Singleton
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FixedClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mind.settings.subchannel.max-data-bytes", "100",
                "mind.settings.subchannel.max-data-keys", "3",
                "mind.db.lock-timeout", "300ms",
                "mind.db.statement-timeout", "7s");
    }
}
