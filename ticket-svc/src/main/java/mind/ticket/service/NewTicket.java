package mind.ticket.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.api.Channel;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.Status;
import mind.ticket.events.ReportedEvent;

/** What a create carries into the service, independent of the HTTP shape. */
public record NewTicket(Channel channel, Direction direction, Status status, Priority priority, String from,
        String fromName, List<String> to, List<String> cc, List<String> bcc, Long subchannelId, String channelId,
        String externalTicketId, Long agentId, String contractId, String customerId, String subject, String body,
        List<Long> tags, List<Attachment> attachments, JsonNode rawData, Instant createdAt, Instant firstResponseDueBy,
        Instant dueBy, boolean aiProcessing, List<ReportedEvent> events) {

    public NewTicket {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
