package mind.ticket.events;

/**
 * Fired (synchronously, inside the change's transaction) when a ticket's agentId changes. The work
 * queue observes it to end another agent's claim on the ticket. Agent ids are profile ids as strings,
 * null for "unassigned".
 */
public record TicketReassigned(long ticketId, String oldAgentId, String newAgentId) {
}
