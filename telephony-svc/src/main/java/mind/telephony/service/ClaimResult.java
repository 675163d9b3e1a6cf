package mind.telephony.service;

import mind.telephony.domain.QueueClaim;

/** What a request finds when it tries to claim a call's queue entry. */
sealed interface ClaimResult {

    /** This request holds the entry and creates the ticket. */
    record Claimed(QueueClaim claim) implements ClaimResult {
    }

    /** The call is registered already. */
    record Registered(RegisteredCall call) implements ClaimResult {
    }

    /** Another request is creating the ticket right now. */
    record Pending() implements ClaimResult {
    }
}
