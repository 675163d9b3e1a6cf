package mind.telephony.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import mind.common.client.CallBudget;

class ClaimTimingTest {

    /** 3 attempts of 2 s and 2 pauses of up to 150 ms: 6.3 s. */
    static final CallBudget TICKET_CALLS = new CallBudget(Duration.ofSeconds(2), 2, Duration.ofMillis(100), Duration.ofMillis(50));

    @Test
    void unsetStalenessIsTheWorstCasePlusTheMargin() {
        assertEquals(Duration.ofMillis(7300), ClaimTiming.staleAfter(Optional.empty(), Duration.ofSeconds(1), TICKET_CALLS));
    }

    @Test
    void aStalenessAtLeastTheWorstCaseIsKept() {
        assertEquals(Duration.ofMillis(6300),
                ClaimTiming.staleAfter(Optional.of(Duration.ofMillis(6300)), Duration.ofSeconds(1), TICKET_CALLS));
    }

    @Test
    void aStalenessShorterThanTheWorstCaseStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClaimTiming.staleAfter(Optional.of(Duration.ofSeconds(5)), Duration.ofSeconds(1), TICKET_CALLS));
        assertTrue(e.getMessage().startsWith("mind.telephony.claim.stale-after=PT5S is shorter than a call to ticket-svc "
                + "may take (PT6.3S"), e.getMessage());
    }
}
