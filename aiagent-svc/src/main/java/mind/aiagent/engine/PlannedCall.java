package mind.aiagent.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** A call to ticket-svc that applying an outcome makes; preview lists them without making them. */
public record PlannedCall(String method, String path, JsonNode body) {
}
