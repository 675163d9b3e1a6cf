package mind.qualitycheck.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.qualitycheck.domain.TestCase;

/**
 * enneo's {@code TestCase}. {@code aiAgentId} is the agent's slug; {@code aiAgentIds} (aiagent-svc's
 * numeric id, as the create response of the newer docs shows it) is written when known.
 */
@Schema(name = "QualityTestCase")
public record TestCaseView(
        long id,
        long ticketId,
        String aiAgentId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> aiAgentIds,
        @Schema(nullable = true) String channel,
        @Schema(nullable = true) String summary,
        @Schema(nullable = true) String description,
        JsonNode expectedResult,
        @Schema(nullable = true) Long modifiedBy) {

    public static TestCaseView of(TestCase c) {
        return new TestCaseView(c.id, c.ticketId, c.aiAgentId, c.aiAgentRef == null ? null : List.of(c.aiAgentRef),
                c.channel, c.summary, c.description, c.expectedResult, c.modifiedBy);
    }
}
