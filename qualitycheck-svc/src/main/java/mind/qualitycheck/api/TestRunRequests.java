package mind.qualitycheck.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.validation.BoundedJsonObject;

/** Bodies of the test run endpoints. */
public final class TestRunRequests {

    private TestRunRequests() {
    }

    /** {@code POST /aiQualityCheck/testRun}: aiAgentId is the agent's slug or numeric id (string or number). */
    public record Schedule(
            @NotNull @Schema(oneOf = { String.class, Long.class }, example = "change_bank_data") JsonNode aiAgentId,
            @Size(max = 10000) String description) {
    }

    /** {@code POST /aiQualityCheck/testAiAgent}: aiAgentId as in {@link Schedule}, ticketId the ticket to test on. */
    public record TestAiAgent(
            @NotNull @Schema(oneOf = { String.class, Long.class }, example = "change_bank_data") JsonNode aiAgentId,
            @NotNull @Positive Long ticketId) {
    }

    /** {@code PATCH .../updateExpectedResult/{ticketId}}. */
    public record ExpectedResult(
            @NotNull @BoundedJsonObject(maxBytes = TestCaseRequests.MAX_RESULT_BYTES) ObjectNode expectedResult) {
    }
}
