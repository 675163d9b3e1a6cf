package mind.ticket.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.ticket.domain.Conversation;
import mind.ticket.domain.ConversationType;
import mind.ticket.domain.TicketEnums.Direction;

/**
 * One conversation as enneo's clients read it (common.md, {@code Conversation}). Times are unix
 * seconds, as enneo writes them in conversation items. {@code from} repeats {@code fromEmail}, and
 * {@code to} repeats {@code toEmail}, since clients read either. {@code deliveryStatus} is ours:
 * {@code sending} or {@code sent} for outgoing mail, null otherwise. {@code rawData} is present only
 * with {@code includeRawData=true}.
 */
@Schema(name = "Conversation")
public record ConversationView(
        long id,
        long ticketId,
        ConversationType type,
        Direction direction,
        @JsonProperty("private") boolean isPrivate,
        boolean isDraft,
        @Schema(nullable = true) String from,
        @Schema(nullable = true) String fromEmail,
        @Schema(nullable = true) String fromEmailName,
        @Schema(nullable = true) Long agentId,
        Sender sender,
        List<String> to,
        List<String> toEmail,
        List<String> ccEmails,
        List<String> bccEmails,
        @Schema(nullable = true) String subject,
        @Schema(nullable = true) String body,
        @Schema(nullable = true) String bodyPlain,
        @Schema(nullable = true) String bodyClean,
        Content content,
        List<Long> intentIds,
        @Schema(nullable = true) String cortexRequestId,
        List<AttachmentView> attachments,
        @Schema(nullable = true) String crmNotificationId,
        @Schema(nullable = true) String externalConversationId,
        @Schema(nullable = true) Long subchannelId,
        @Schema(nullable = true) String deliveryStatus,
        @Schema(nullable = true) Object contentTranslation,
        @Schema(description = "unix seconds") Long createdAt,
        @Schema(description = "unix seconds", nullable = true) Long modifiedAt,
        @Schema(description = "unix seconds; conversations are deleted for good, so always null", nullable = true) Long deletedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode rawData) {

    /** Who wrote it: the agent's profile id, or only the address for customers. */
    @Schema(name = "ConversationSender")
    public record Sender(@Schema(nullable = true) Long id, @Schema(nullable = true) String name,
            @Schema(nullable = true) String email) {
    }

    /** The text as enneo's reply editor holds it. */
    @Schema(name = "ConversationMessage")
    public record Content(@Schema(nullable = true) String message) {
    }

    /** An attachment; inline base64 content is not repeated in reads. */
    @Schema(name = "ConversationAttachment")
    public record AttachmentView(String name, @Schema(nullable = true) String url, @Schema(nullable = true) String mimeType,
            boolean inline) {
    }

    /** Built while the entity is managed. */
    public static ConversationView of(Conversation c, boolean includeRawData) {
        return new ConversationView(c.id, c.ticketId, c.type, c.direction, c.isPrivate, c.draft, c.from, c.from,
                c.fromName, c.agentId, new Sender(c.agentId, c.fromName, c.from), List.copyOf(c.to), List.copyOf(c.to),
                List.copyOf(c.cc), List.copyOf(c.bcc), c.subject, c.body, c.bodyPlain, c.bodyPlain,
                new Content(c.body), List.copyOf(c.intentIds), null,
                c.attachments.stream().map(a -> new AttachmentView(a.name(), a.url(), a.mimeType(), a.base64() != null))
                        .toList(),
                null, c.externalConversationId, c.subchannelId, c.delivery, null, seconds(c.createdAt),
                seconds(c.modifiedAt), null, includeRawData ? c.rawData : null);
    }

    private static Long seconds(Instant time) {
        return time == null ? null : time.getEpochSecond();
    }
}
