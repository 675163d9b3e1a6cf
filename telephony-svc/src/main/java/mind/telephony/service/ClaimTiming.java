package mind.telephony.service;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;
import mind.common.client.CallBudget;
import mind.telephony.client.TicketGateway;
import mind.telephony.config.TelephonyConfig;

/**
 * When a call's claim counts as abandoned. A request holds the claim while it waits for ticket-svc,
 * at most the ticket client's worst case (every attempt running into its timeout, plus the delays
 * between them); a claim older than that has lost its holder. A staleness below that worst case would
 * let a second request take over a live claim, so the service refuses to start with one. (Should a
 * live claim be taken over all the same, say after a long GC pause, both requests get the same ticket
 * from ticket-svc through the call's Idempotency-Key and the entry is filled once.)
 */
@Startup
@ApplicationScoped
public class ClaimTiming {

    static final String STALE_AFTER_KEY = "mind.telephony.claim.stale-after";

    private final Duration staleAfter;
    private final Duration poll;
    private final int maxRounds;

    public ClaimTiming(TelephonyConfig config, Config mpConfig) {
        CallBudget ticketCalls = CallBudget.of(mpConfig, TicketGateway.class, "create");
        this.staleAfter = staleAfter(config.claim().staleAfter(), config.claim().margin(), ticketCalls);
        this.poll = config.claim().poll();
        this.maxRounds = config.claim().maxRounds();
    }

    /**
     * The configured staleness, checked against the ticket client's worst case, or that worst case
     * plus {@code margin} when none is configured.
     *
     * @throws IllegalStateException the configured staleness is shorter than the worst case
     */
    static Duration staleAfter(Optional<Duration> configured, Duration margin, CallBudget ticketCalls) {
        Duration worstCase = ticketCalls.worstCase();
        if (configured.isEmpty()) {
            return worstCase.plus(margin);
        }
        if (configured.get().compareTo(worstCase) < 0) {
            throw new IllegalStateException(STALE_AFTER_KEY + "=" + configured.get() + " is shorter than a call to ticket-svc "
                    + "may take (" + worstCase + ": " + (ticketCalls.maxRetries() + 1) + " attempts of at most "
                    + ticketCalls.timeout() + ", " + ticketCalls.maxRetries() + " pauses of up to "
                    + ticketCalls.delay().plus(ticketCalls.jitter()) + "), so a request still waiting for its ticket "
                    + "would have its call taken over. Raise " + STALE_AFTER_KEY + ", leave it unset to derive it, or lower "
                    + "quarkus.fault-tolerance.\"mind.telephony.client.TicketGateway/create\".timeout.value or .retry.max-retries.");
        }
        return configured.get();
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    public Duration poll() {
        return poll;
    }

    public int maxRounds() {
        return maxRounds;
    }
}
