package mind.telephony.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import mind.common.api.Channel;
import mind.telephony.domain.CallDirection;
import mind.telephony.domain.TicketStatus;

/** The body of ticket-svc's {@code POST /ticket}, limited to what a call fills in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketDraft(
        Channel channel,
        CallDirection direction,
        TicketStatus status,
        String from,
        String fromName,
        List<String> to,
        Long subchannelId,
        String channelId,
        String externalTicketId,
        Long agentId,
        String contractId,
        String customerId,
        String subject,
        String body,
        /** Activity entries ticket-svc appends after the ticket's {@code created} entry (the call's receipt). */
        List<Map<String, Object>> events) {
}
