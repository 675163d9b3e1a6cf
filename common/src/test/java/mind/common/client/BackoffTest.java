package mind.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerAttemptFromTheBaseUpToTheMaximum() {
        Duration base = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(10);
        assertEquals(Duration.ofSeconds(5), Backoff.doubling(base, max, 0));
        assertEquals(Duration.ofSeconds(5), Backoff.doubling(base, max, 1));
        assertEquals(Duration.ofSeconds(10), Backoff.doubling(base, max, 2));
        assertEquals(Duration.ofSeconds(320), Backoff.doubling(base, max, 7));
        assertEquals(max, Backoff.doubling(base, max, 8));
        assertEquals(max, Backoff.doubling(base, max, Integer.MAX_VALUE), "no overflow however many attempts");
    }
}
