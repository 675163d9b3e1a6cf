package mind.ticket.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The work-queue tests' clock: it stands still until a test moves it, so leases run out on demand. */
public class WorkQueueProfile implements QuarkusTestProfile {

    /** A clock a test moves forward. */
    public static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));

        public void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    public static final MovableClock CLOCK = new MovableClock();

    /** Replaces common's default Clock wherever this profile is active. */
    @Alternative
    @Singleton
    public static class MovableClockProducer {
        @Produces
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MovableClockProducer.class);
    }
}
