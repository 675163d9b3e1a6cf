package mind.ticket.events;

/**
 * Fired (synchronously, inside the change's transaction) when a ticket's {@code agentId} changes, so
 * that whoever holds state about the old assignment (the work queue's claims) can release it in the
 * same transaction without the update code knowing about it. Agent ids are the profile ids as text;
 * null means unassigned.
 */
public record TicketReassigned(long ticketId, String oldAgentId, String newAgentId) {
}
