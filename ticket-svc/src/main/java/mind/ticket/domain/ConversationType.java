package mind.ticket.domain;

/**
 * What kind of message a conversation is: the ticket channels, plus {@code note} for internal notes.
 * Spelled as on the wire and in the database.
 */
public enum ConversationType {
    email, chat, phone, letter, portal, system, walkIn, note
}
