package mind.ticket.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.patch.Patch;
import mind.ticket.domain.ConversationAttachment;
import mind.ticket.domain.ConversationType;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.Status;

/**
 * Bodies of the conversation, forward endpoints. Bounds: a body or message of at most 1,000,000
 * characters (the request itself is limited to 1 MB), at most 50 recipients per list, 20
 * attachments, 50 intent ids. Every recipient field takes one address as a string or several as an
 * array ({@link RecipientsDeserializer}).
 */
public final class ConversationRequests {

    public static final int MAX_BODY = 1_000_000;
    public static final int MAX_RECIPIENTS = 50;
    public static final int MAX_ATTACHMENTS = 20;

    static final String RECIPIENTS = "one address as a string, or an array of at most 50; a string holds one "
            + "address (no comma-separated lists)";

    private ConversationRequests() {
    }

    /** An attachment: a URL (never fetched) or inline base64 content, or both. */
    @Schema(name = "ConversationAttachmentInput")
    public record AttachmentInput(
            @NotBlank @Size(max = 255) String name,
            @Size(max = 2048) String url,
            @Size(max = 255) String mimeType,
            @Size(max = MAX_BODY) @Pattern(regexp = "[A-Za-z0-9+/=\\r\\n]*", message = "must be base64") String base64) {

        @JsonIgnore
        @AssertTrue(message = "needs a url or base64 content")
        public boolean isUrlOrContent() {
            return url != null || base64 != null;
        }

        ConversationAttachment toAttachment() {
            return new ConversationAttachment(name, url, mimeType, base64);
        }

        static List<ConversationAttachment> all(List<AttachmentInput> inputs) {
            return inputs == null ? null : inputs.stream().map(AttachmentInput::toAttachment).toList();
        }
    }

    /** {@code POST /ticket/{id}/conversation/store}: a message stored as it is. */
    @Schema(name = "ConversationStoreRequest")
    public record Store(
            @Schema(description = "default in; internal for the internal kinds. internal stores a private note") Direction direction,
            @Size(max = 320) String from,
            @Size(max = 320) String fromName,
            @Size(max = MAX_BODY) String body,
            @Size(max = 1000) String subject,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> to,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> ccEmails,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> bccEmails,
            @Schema(description = "default: the ticket's channel; note for direction internal. Channels (email, chat, "
                    + "phone, letter, portal, system, walkIn), formats (text, html: a message on the ticket's channel) or "
                    + "internal kinds (note, neo, agent_request, agent_response: private, direction internal by default)")
            ConversationType type,
            @JsonProperty("private") @Schema(description = "default false; always true for direction internal and the "
                    + "internal kinds") Boolean isPrivate,
            @Schema(description = "changes the ticket's status") Status status,
            @Schema(description = "changes the ticket's priority") Priority priority,
            @Schema(description = "default: now") Instant createdAt,
            @Size(max = 255) String externalConversationId,
            Long subchannelId,
            @Size(max = MAX_ATTACHMENTS) List<@Valid @NotNull AttachmentInput> attachments,
            JsonNode rawData) {

        List<ConversationAttachment> attachmentList() {
            return AttachmentInput.all(attachments);
        }
    }

    /** {@code content} of a reply or PATCH: the message as the editor holds it (HTML or text). */
    @Schema(name = "ConversationContent")
    public record Content(@NotNull @Size(max = MAX_BODY) String message) {
    }

    /** {@code POST /ticket/{id}/conversation/reply}. */
    @Schema(name = "ConversationReplyRequest")
    public record Reply(
            @Valid @NotNull Content content,
            @Schema(description = "default: the ticket's channel. text and html go out on the ticket's channel (by mail "
                    + "on an email ticket); note, neo, agent_request and agent_response are stored as private internal "
                    + "messages, never sent") ConversationType type,
            @Schema(description = "out (default) for replies; internal stores a private note, never sent") Direction direction,
            @JsonProperty("private") @Schema(description = "true stores a private note, never sent") Boolean isPrivate,
            @Schema(description = "true stores a draft, sent later by PATCH isDraft=false") Boolean isDraft,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> to,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> cc,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> bcc,
            @Size(max = 1000) String subject,
            Long subchannelId,
            @Size(max = MAX_ATTACHMENTS) List<@Valid @NotNull AttachmentInput> attachments,
            @Size(max = 50) List<@NotNull Long> intentIds) {

        mind.ticket.service.Reply toReply() {
            return new mind.ticket.service.Reply(content.message(), type, direction, isPrivate, isDraft, to, cc, bcc, subject,
                    subchannelId, AttachmentInput.all(attachments), intentIds);
        }
    }

    /** {@code PATCH /ticket/{id}/conversation/{cid}}: text and draft flag of a note or draft. */
    @Schema(name = "ConversationPatchRequest")
    public record Edit(
            @NotNull @Schema(implementation = Content.class, nullable = false, description = "may not be cleared") Patch<@Valid Content> content,
            @NotNull @Schema(implementation = Boolean.class, nullable = false,
                    description = "false on an email draft sends it") Patch<Boolean> isDraft) {
    }

    /** {@code POST /ticket/{id}/forward}. */
    @Schema(name = "TicketForwardRequest")
    public record Forward(
            @NotNull @Size(max = MAX_BODY) String body,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @NotNull @Size(min = 1, max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> toEmail,
            @Size(max = 1000) String subject,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> cc,
            @JsonDeserialize(using = RecipientsDeserializer.class) @Schema(oneOf = { String.class, String[].class },
                    description = RECIPIENTS) @Size(max = MAX_RECIPIENTS) List<@NotNull @Size(max = 320) String> bcc,
            Long subchannelId) {

        mind.ticket.service.Forward toForward() {
            return new mind.ticket.service.Forward(body, toEmail, subject, cc, bcc, subchannelId);
        }
    }
}
