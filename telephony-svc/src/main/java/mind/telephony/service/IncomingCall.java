package mind.telephony.service;

import java.util.List;

import mind.telephony.domain.CallDirection;
import mind.telephony.domain.Routing;
import mind.telephony.domain.TicketStatus;
import mind.telephony.domain.TranscriptLine;

/** What a phone system reports about a new call, independent of the HTTP shape. Nulls mean "not given". */
public record IncomingCall(Routing routing, String contractId, String customerId, String phone, String to, Long agentId,
        Long aiAgentId, List<TranscriptLine> transcript, Long userId, String channelId, String callerName,
        CallDirection direction, Long subchannelId, String externalTicketId, TicketStatus status,
        Boolean triggerAiProcessing) {

    /** The same call with the number called rewritten (to E.164). */
    public IncomingCall withTo(String e164) {
        return new IncomingCall(routing, contractId, customerId, phone, e164, agentId, aiAgentId, transcript, userId,
                channelId, callerName, direction, subchannelId, externalTicketId, status, triggerAiProcessing);
    }

    /** The same call with the caller's number rewritten (to E.164). */
    public IncomingCall withPhone(String e164) {
        return new IncomingCall(routing, contractId, customerId, e164, to, agentId, aiAgentId, transcript, userId,
                channelId, callerName, direction, subchannelId, externalTicketId, status, triggerAiProcessing);
    }
}
