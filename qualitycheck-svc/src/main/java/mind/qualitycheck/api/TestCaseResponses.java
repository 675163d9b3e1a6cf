package mind.qualitycheck.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Answers of the test case endpoints. */
public final class TestCaseResponses {

    private TestCaseResponses() {
    }

    /** {@code GET /aiQualityCheck/testCase}: one page in id order. */
    public record Page(boolean success, List<TestCaseView> testCases, long total, int limit, int offset) {
    }

    /** {@code POST /aiQualityCheck/testCase}. */
    public record Created(boolean success, TestCaseView testCase) {
    }

    /** {@code POST /aiQualityCheck/testCase/{aiAgentId}}: one case per ticket. */
    public record CreatedMany(boolean success, List<TestCaseView> testCases) {
    }

    /** {@code PATCH /aiQualityCheck/testCase/{id}}: enneo's flat Success + TestCase. */
    public record Updated(boolean success, long id, long ticketId, String aiAgentId, @Schema(nullable = true) String channel,
            @Schema(nullable = true) String summary, @Schema(nullable = true) String description, JsonNode expectedResult, @Schema(nullable = true) Long modifiedBy) {

        public static Updated of(TestCaseView c) {
            return new Updated(true, c.id(), c.ticketId(), c.aiAgentId(), c.channel(), c.summary(), c.description(),
                    c.expectedResult(), c.modifiedBy());
        }
    }
}
