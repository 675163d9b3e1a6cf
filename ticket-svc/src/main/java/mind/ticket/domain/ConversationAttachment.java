package mind.ticket.domain;

/**
 * A file on a conversation: referenced by URL, or carried inline as base64 (enneo's conversation
 * variant). Inline content is attached to outgoing mail; a URL is never fetched by this service.
 */
public record ConversationAttachment(String name, String url, String mimeType, String base64) {
}
