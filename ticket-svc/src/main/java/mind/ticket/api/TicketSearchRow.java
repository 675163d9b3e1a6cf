package mind.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.api.Channel;
import mind.common.json.ApiJson;
import mind.ticket.api.TicketView.ReplyRecipients;
import mind.ticket.api.TicketView.TagRef;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Interface;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.SpamStatus;
import mind.ticket.domain.TicketEnums.Status;

/**
 * A ticket as a search lists it (enneo's compact form): the fields of {@link TicketView} without
 * {@code body}, {@code bodyPlain}, {@code bodyClean}, {@code attachments}, {@code template},
 * {@code workitem} and {@code rawData}; {@code customer} reduced to {@code {tagIds, tags}}. Built from a
 * projection of the columns it shows, never from an entity.
 */
@Schema(name = "TicketSearchRow")
public record TicketSearchRow(
        long id,
        Direction direction,
        @Schema(nullable = true) String from,
        @Schema(nullable = true) String fromName,
        List<String> to,
        List<String> ccEmails,
        List<String> bccEmails,
        List<String> replyCcEmails,
        @Schema(nullable = true) ReplyRecipients replyRecipients,
        @Schema(nullable = true) Long subchannelId,
        @Schema(nullable = true) String externalTicketId,
        @Schema(nullable = true) String sentiment,
        @Schema(nullable = true) String language,
        @Schema(nullable = true) String languageCode,
        @JsonSerialize(using = ApiJson.IsoInstantSerializer.class) @Schema(type = SchemaType.STRING, format = "date-time", example = "2023-11-07T05:31:56Z", nullable = true) Instant autoExecuteAt,
        SpamStatus spamStatus,
        AiSupportLevel aiSupportLevel,
        boolean isCustomerActive,
        @JsonProperty("interface") Interface ticketInterface,
        Priority priority,
        Channel channel,
        @Schema(nullable = true) String channelId,
        Status status,
        @Schema(nullable = true) String summary,
        @Schema(nullable = true) String subject,
        boolean isEscalated,
        Instant createdAt,
        @Schema(nullable = true) Instant modifiedAt,
        @Schema(nullable = true) Instant firstResponseDueBy,
        @Schema(nullable = true) Instant dueBy,
        @Schema(nullable = true) Instant closedAt,
        @Schema(nullable = true) Instant lastMessageAt,
        @Schema(nullable = true) Instant lastCustomerMessageAt,
        @Schema(description = "null when no customer is known", nullable = true) CustomerTags customer,
        @Schema(nullable = true) String customerId,
        @Schema(nullable = true) String contractId,
        @Schema(nullable = true) Long agentId,
        List<Long> assignedAgentIds,
        @Schema(nullable = true) Integer customerLegitimation,
        @Schema(nullable = true) Long intentId,
        Map<String, Object> additionalData,
        List<Long> tagIds,
        List<TagRef> tags,
        @Schema(description = "intents detected on the ticket (none are stored by this service yet)") List<Object> intents,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "phone tickets only, when the call's length is known") Long callDurationSeconds) {

    /** The customer as compact rows carry it: only the customer's tags (served by settings-svc, none known here yet). */
    @Schema(name = "TicketSearchCustomer")
    public record CustomerTags(List<Long> tagIds, List<TagRef> tags) {
    }

    /** Who a reply would go to, as {@link TicketView} computes it. */
    public static ReplyRecipients replyRecipients(Channel channel, Direction direction, String from, List<String> to,
            List<String> cc, List<String> bcc) {
        if (channel == Channel.system) {
            return null;
        }
        List<String> recipients = direction == Direction.in ? (from == null ? List.of() : List.of(from)) : to;
        return new ReplyRecipients(recipients, cc, direction == Direction.in ? List.of() : bcc);
    }
}
