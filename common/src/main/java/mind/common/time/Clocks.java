package mind.common.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one {@link Clock} services read the time from ({@code Instant.now(clock)}), so that a test can
 * fix the time: any other {@code Clock} bean (a test's {@code @Alternative}, a profile's producer)
 * replaces this default without further configuration.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
