package mind.telephony.service;

import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.Routing;

/** The phone ticket and queue entry a call was registered under. */
public record RegisteredCall(Long ticketId, long queueId, String contractId, String customerId, Routing routing) {

    static RegisteredCall of(QueueEntry entry) {
        return new RegisteredCall(entry.ticketId, entry.id, entry.contractId, entry.customerId, entry.routing);
    }
}
