package mind.ticket.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.api.Channel;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.Status;
import mind.ticket.service.NewTicket;

/**
 * Body of {@code POST /ticket}. Only {@code channel} is required; bounds keep every client-controlled
 * size finite.
 */
public record TicketCreateRequest(
        @NotNull Channel channel,
        Direction direction,
        Status status,
        Priority priority,
        @Size(max = 320) String from,
        @Size(max = 320) String fromName,
        @Size(max = 100) List<@NotNull @Size(max = 320) String> to,
        @Size(max = 100) List<@NotNull @Size(max = 320) String> cc,
        @Size(max = 100) List<@NotNull @Size(max = 320) String> bcc,
        @Min(1) Long subchannelId,
        @Size(max = 255) String channelId,
        @Size(max = 255) String externalTicketId,
        @Min(1) Long agentId,
        @Size(max = 64) String contractId,
        @Size(max = 64) String customerId,
        @Size(max = 1000) String subject,
        @Size(max = 500_000) String body,
        @Size(max = 100) List<@NotNull Long> tags,
        @Size(max = 50) List<@Valid @NotNull AttachmentInput> attachments,
        JsonNode rawData,
        Long templateId,
        JsonNode templateData,
        Instant createdAt,
        Instant firstResponseDueBy,
        Instant dueBy,
        @Schema(description = "Activity entries to append after the ticket's `created` entry, in the same transaction "
                + "(internal: service tokens only, as for POST /ticket/{ticketId}/events, whose rules each entry follows). "
                + "At most 10.")
        @Size(max = 10) List<@Valid @NotNull TicketEventRequest> events) {

    public record AttachmentInput(@NotNull @Size(max = 255) String name, @NotNull @Size(max = 2048) String url) {
        Attachment toAttachment() {
            return new Attachment(null, name, url);
        }
    }

    NewTicket toNewTicket(boolean aiProcessing) {
        List<Attachment> attachmentList = attachments == null ? null
                : attachments.stream().map(AttachmentInput::toAttachment).toList();
        return new NewTicket(channel, direction, status, priority, from, fromName, to, cc, bcc, subchannelId, channelId,
                externalTicketId, agentId, contractId, customerId, subject, body, tags, attachmentList, rawData,
                createdAt, firstResponseDueBy, dueBy, aiProcessing,
                events == null ? null : events.stream().map(TicketEventRequest::toReported).toList());
    }
}
