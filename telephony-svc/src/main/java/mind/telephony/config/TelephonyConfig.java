package mind.telephony.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** telephony-svc's tunables ({@code mind.telephony.*}). */
@ConfigMapping(prefix = "mind.telephony")
public interface TelephonyConfig {

    Claim claim();

    /**
     * {@code Retry-After} of a 503 when ticket-svc is unavailable: about the circuit breaker's pause,
     * sooner than that a resend would most likely fail again.
     */
    @WithDefault("5")
    int retryAfterSeconds();

    /** ticket-svc's limit on a ticket body; a transcript that renders longer is refused before calling it. */
    @WithDefault("500000")
    int maxTicketBody();

    /** A call's queue entry while its ticket is being made. */
    interface Claim {

        /**
         * How long a claim may stay without its ticket before another request takes it over. Unset:
         * the ticket client's worst case plus {@link #margin()}. Set: it must not be shorter than that
         * worst case, or the service does not start (a live holder would be overtaken).
         */
        Optional<Duration> staleAfter();

        /** Added to the ticket client's worst case when {@link #staleAfter()} is unset. */
        @WithDefault("1s")
        Duration margin();

        /** Between looks at a call that another request is registering; each look is one short transaction. */
        @WithDefault("50ms")
        Duration poll();

        /** A claim that vanishes repeatedly (holders giving up in turn) ends in a 503 after this many rounds. */
        @WithDefault("3")
        int maxRounds();
    }
}
