package mind.common.client;

import java.time.Duration;

/** The wait before a failed delivery is tried again: {@code base} after the first attempt, doubling per attempt up to {@code max}. */
public final class Backoff {

    private Backoff() {
    }

    /** @param attempts the attempts made so far (1 after the first) */
    public static Duration doubling(Duration base, Duration max, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
