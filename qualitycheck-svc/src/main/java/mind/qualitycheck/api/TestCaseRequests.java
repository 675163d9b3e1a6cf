package mind.qualitycheck.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.patch.Patch;
import mind.common.validation.BoundedJsonObject;

/** Bodies of the test case endpoints. */
public final class TestCaseRequests {

    /** Largest expected result accepted, serialized. */
    public static final int MAX_RESULT_BYTES = 65536;

    private TestCaseRequests() {
    }

    /** {@code POST /aiQualityCheck/testCase}: aiAgentId is the agent's slug or numeric id (string or number). */
    public record Create(
            @NotNull @Positive Long ticketId,
            @NotNull @Schema(oneOf = { String.class, Long.class }, example = "change_bank_data") JsonNode aiAgentId,
            @BoundedJsonObject(maxBytes = MAX_RESULT_BYTES) ObjectNode expectedResult,
            @Size(max = 10000) String description) {
    }

    /** {@code POST /aiQualityCheck/testCase/{aiAgentId}}: one case per ticket, all with the same expectation. */
    public record CreateForAgent(
            @Positive Long ticketId,
            @Size(max = 100) List<@NotNull @Positive Long> ticketIds,
            @BoundedJsonObject(maxBytes = MAX_RESULT_BYTES) ObjectNode expectedResult,
            @Size(max = 10000) String description) {
    }

    /** {@code PATCH /aiQualityCheck/testCase/{id}}. */
    public record Update(
            @Size(max = 10000) @Schema(implementation = String.class, nullable = true) Patch<String> description,
            @NotNull @BoundedJsonObject(maxBytes = MAX_RESULT_BYTES) @Schema(implementation = ObjectNode.class) Patch<ObjectNode> expectedResult) {
    }
}
