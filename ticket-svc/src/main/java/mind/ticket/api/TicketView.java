package mind.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.api.Channel;
import mind.common.json.ApiJson;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.Ticket;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Interface;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.SpamStatus;
import mind.ticket.domain.TicketEnums.Status;

/**
 * A ticket with full data, fields at the top level next to {@code success} as enneo's
 * {@code GET /ticket/{id}} returns it. Deprecated address fields are kept because clients still read them.
 * Written by {@link TicketViewSerializer} (a component added here must be written there too; its test fails if not).
 */
@JsonSerialize(using = TicketViewSerializer.class)
public record TicketView(
        boolean success,
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
        @Schema(nullable = true) String bodyPlain,
        @Schema(nullable = true) String body,
        @Schema(nullable = true) String bodyClean,
        boolean isEscalated,
        Instant createdAt,
        @Schema(nullable = true) Instant modifiedAt,
        @Schema(nullable = true) Instant firstResponseDueBy,
        @Schema(nullable = true) Instant dueBy,
        @Schema(nullable = true) Instant closedAt,
        @Schema(nullable = true) Customer customer,
        @Schema(nullable = true) String customerId,
        @Schema(nullable = true) String contractId,
        @Schema(nullable = true) Long agentId,
        List<Object> workedOnBy,
        Map<String, Object> additionalData,
        JsonNode rawData,
        List<Attachment> attachments,
        List<Long> tagIds,
        List<TagRef> tags,
        List<Long> assignedAgentIds,
        @Schema(nullable = true) Integer customerLegitimation,
        @Schema(nullable = true, description = "the ERP's wording of the legitimation; null: no ERP is connected") String customerLegitimationMessage,
        @Schema(nullable = true) Long intentId,
        @Schema(nullable = true, description = "the template the ticket was written from (full data only); null: templates are not rendered yet") JsonNode template,
        @Schema(nullable = true, description = "the ticket translated into the language asked by contentTranslationLanguage; null: no translation") JsonNode contentTranslation,
        @Schema(nullable = true, description = "the subchannel of an email ticket (subchannelId when channel is email)") Long emailSubchannelId,
        @Schema(nullable = true, description = "the ticket system's work item (full data only); null: no external ticket system") JsonNode workitem,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "the intents detected on the ticket; present only with includeIntents=true (empty: no intents are stored yet, as in search rows)") List<Object> intents) {

    public record ReplyRecipients(List<String> to, List<String> cc, List<String> bcc) {
    }

    public record Customer(String id) {
    }

    /**
     * A tag on the ticket with its name as settings-svc gives it, read from the names ticket-svc holds in memory
     * ({@code TagDirectory}), never by a call per request.
     */
    @Schema(description = "A tag on the ticket; name is null while settings-svc's tag names are not at hand (not yet "
            + "read, settings-svc unreachable, or a tag made since the last read, which is then read again)")
    public record TagRef(long id, @Schema(nullable = true) String name) {
    }

    /**
     * Built by the service from a ticket that is still managed, or from one {@code TicketRowReader}
     * filled from a whole row; never from a detached entity that may miss lazy state.
     *
     * @param tags the ticket's tags with their names, in the order of its tag ids ({@code TagDirectory.refs})
     */
    public static TicketView of(Ticket t, List<TagRef> tags) {
        return of(t, tags, List.of());
    }

    /** The same with {@code workedOnBy}, the users present on the ticket (GET; other answers list none). */
    public static TicketView of(Ticket t, List<TagRef> tags, List<Object> workedOnBy) {
        List<Long> tagIds = List.copyOf(t.tagIds);
        return new TicketView(true, t.id, t.direction, t.from, t.fromName, t.to, t.cc, t.bcc, t.cc,
                replyRecipients(t), t.subchannelId, t.externalTicketId, t.sentiment, t.language, t.languageCode, null,
                t.spamStatus, t.aiSupportLevel, false, t.ticketInterface, t.priority, t.channel, t.channelId, t.status,
                t.summary, t.subject, t.bodyPlain, t.body, t.bodyPlain, t.escalated, t.createdAt, t.modifiedAt,
                t.firstResponseDueBy, t.dueBy, t.closedAt, t.customerId == null ? null : new Customer(t.customerId),
                t.customerId, t.contractId, t.agentId, workedOnBy, t.additionalData, t.rawData, t.attachments, tagIds,
                tags, List.copyOf(t.assignedAgentIds), t.customerLegitimation, null,
                t.intentId, null, null, t.channel == Channel.email ? t.subchannelId : null, null, null);
    }

    /** This view with the {@code intents} key (GET with {@code includeIntents=true}); without it the key is left out. */
    public TicketView withIntents(List<Object> detected) {
        return new TicketView(success, id, direction, from, fromName, to, ccEmails, bccEmails, replyCcEmails,
                replyRecipients, subchannelId, externalTicketId, sentiment, language, languageCode, autoExecuteAt,
                spamStatus, aiSupportLevel, isCustomerActive, ticketInterface, priority, channel, channelId, status,
                summary, subject, bodyPlain, body, bodyClean, isEscalated, createdAt, modifiedAt, firstResponseDueBy,
                dueBy, closedAt, customer, customerId, contractId, agentId, workedOnBy, additionalData, rawData,
                attachments, tagIds, tags, assignedAgentIds, customerLegitimation, customerLegitimationMessage,
                intentId, template, contentTranslation, emailSubchannelId, workitem, List.copyOf(detected));
    }

    /** Who a reply would go to: the requester for inbound tickets, the recipients for outbound; none for system tickets. */
    private static ReplyRecipients replyRecipients(Ticket t) {
        if (t.channel == Channel.system) {
            return null;
        }
        List<String> to = t.direction == Direction.in
                ? (t.from == null ? List.of() : List.of(t.from))
                : t.to;
        return new ReplyRecipients(to, t.cc, t.direction == Direction.in ? List.of() : t.bcc);
    }
}
