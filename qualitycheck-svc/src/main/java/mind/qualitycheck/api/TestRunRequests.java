package mind.qualitycheck.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.error.ApiException;
import mind.common.validation.BoundedJsonObject;

/** Bodies of the test run endpoints. */
public final class TestRunRequests {

    private TestRunRequests() {
    }

    /** At most this many bytes of a run's config. */
    public static final int MAX_CONFIG_BYTES = 16384;

    /**
     * {@code POST /aiQualityCheck/testRun}: aiAgentId is the agent's slug or numeric id (string or number);
     * testCaseIds, when sent and not empty, the agent's cases to run (else all of them); config is stored on the run,
     * its limit the most cases the run tests.
     */
    public record Schedule(
            @NotNull @Schema(oneOf = { String.class, Long.class }, example = "change_bank_data") JsonNode aiAgentId,
            @Size(max = 10000) String description,
            @Size(max = 10000) @Schema(description = "only these test cases of the agent (ids of GET "
                    + "/aiQualityCheck/testCase); absent, null or []: every test case of the agent")
            List<@NotNull @Positive Long> testCaseIds,
            @BoundedJsonObject(maxBytes = MAX_CONFIG_BYTES) @Schema(description = "stored on the run as it is sent "
                    + "(TestRun.config); limit: a positive integer, the most test cases the run tests (the first ones in "
                    + "id order)") ObjectNode config) {

        /** config.limit, null when there is none; 400 naming config.limit when it is not a positive integer. */
        public Integer configLimit() {
            JsonNode limit = config == null ? null : config.get("limit");
            if (limit == null || limit.isNull()) {
                return null;
            }
            if (!limit.canConvertToInt() || !limit.isIntegralNumber() || limit.intValue() < 1) {
                throw ApiException.invalidField("config.limit", "must be a positive integer");
            }
            return limit.intValue();
        }
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
