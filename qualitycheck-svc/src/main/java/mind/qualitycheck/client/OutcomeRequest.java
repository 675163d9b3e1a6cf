package mind.qualitycheck.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of aiagent-svc's {@code POST /aiAgent/outcome}; test runs always send {@code dryRun: true}. */
public record OutcomeRequest(long aiAgentId, long ticketId, JsonNode data, boolean dryRun) {
}
