package mind.ticket.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of aiagent-svc's {@code POST /aiAgent/outcome}: run agent {@code aiAgentId} on the ticket, for real unless {@code dryRun}. */
public record OutcomeRequest(long aiAgentId, long ticketId, JsonNode data, boolean dryRun) {
}
