package mind.ticket.domain;

/** A file attached to a ticket, referenced by URL. */
public record Attachment(String name, String url) {
}
