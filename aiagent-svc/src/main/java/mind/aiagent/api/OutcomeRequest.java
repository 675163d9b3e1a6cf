package mind.aiagent.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.validation.BoundedJsonObject;

/** Body of {@code POST /aiAgent/outcome}, as ticket-svc's autoexecute and quality checks send it. */
public record OutcomeRequest(
        @NotNull @Positive Long aiAgentId,
        @NotNull @Positive Long ticketId,
        @BoundedJsonObject(maxBytes = 65_536) JsonNode data,
        Boolean dryRun) {
}
