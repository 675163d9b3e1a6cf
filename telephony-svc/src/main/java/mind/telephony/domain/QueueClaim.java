package mind.telephony.domain;

import java.time.Instant;

/**
 * A request's hold on a call's queue entry while it creates the ticket. The claim time identifies
 * the holder: once another request took the entry over, the time no longer matches.
 */
public record QueueClaim(long entryId, Instant claimedAt) {
}
