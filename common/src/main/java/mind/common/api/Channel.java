package mind.common.api;

/**
 * Ticket channels as enneo names them. Constants are spelled exactly as on the wire (and in the
 * database), so no mapping layer can drift from the contract.
 */
public enum Channel {
    email, portal, phone, letter, system, chat, walkIn
}
