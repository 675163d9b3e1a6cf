package mind.ticket.service;

import mind.ticket.client.Outcome;

/** What an autoexecute run came to: the agent that ran, and its outcome or the reason it failed. */
public record AutoexecuteResult(long ticketId, long aiAgentId, boolean success, String error, Outcome outcome) {
}
