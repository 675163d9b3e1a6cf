package mind.telephony.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import mind.telephony.domain.CallDirection;
import mind.telephony.domain.Routing;
import mind.telephony.domain.TicketStatus;
import mind.telephony.domain.TranscriptLine;
import mind.telephony.service.IncomingCall;

/**
 * Body of {@code POST /telephony/callReceived}. Every field is optional on its own; {@code to} is
 * required for outbound calls. contractId and customerId may come as numbers or strings and are kept
 * as strings.
 */
public record CallReceivedRequest(
        Routing routing,
        @Size(max = 64) String contractId,
        @Size(max = 64) String customerId,
        @Size(max = 320) String phone,
        @Size(max = 320) String to,
        @Positive Long agentId,
        @Positive Long aiAgentId,
        @Size(max = 1000) List<@Valid @NotNull TranscriptEntry> transcript,
        @Positive Long userId,
        @Size(min = 1, max = 255) String channelId,
        @Size(max = 320) String callerName,
        CallDirection direction,
        @Positive Long subchannelId,
        @Size(max = 255) String externalTicketId,
        TicketStatus status,
        Boolean triggerAiProcessing) {

    IncomingCall toIncomingCall() {
        List<TranscriptLine> lines = transcript == null ? null : transcript.stream().map(TranscriptEntry::toLine).toList();
        return new IncomingCall(routing, contractId, customerId, phone, to, agentId, aiAgentId, lines, userId, channelId,
                callerName, direction, subchannelId, externalTicketId, status, triggerAiProcessing);
    }
}
