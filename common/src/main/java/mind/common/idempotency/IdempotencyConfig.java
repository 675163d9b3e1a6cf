package mind.common.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the {@code Idempotency-Key} mechanism, the same for every service unless one overrides them. */
@ConfigMapping(prefix = "mind.idempotency")
public interface IdempotencyConfig {

    /**
     * How long a response is kept for replay. Clients retry within minutes; a day also covers a
     * client that retries after an outage of its own.
     */
    @WithDefault("24h")
    Duration retention();

    /**
     * Age after which an unfinished claim ({@link Idempotent#atomic()} false) is taken to be
     * abandoned by a request that died, so the key may run again. Must exceed the longest time such
     * a method can take (its calls to other services with their timeouts and retries), or a slow but
     * living request would be run a second time.
     */
    @WithDefault("120s")
    Duration claimStale();
}
