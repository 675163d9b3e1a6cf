package mind.qualitycheck.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The agents with at least one test case. */
public final class TestableAgents {

    private TestableAgents() {
    }

    /** One agent: its slug and name, how many test cases it has and its newest run (null when never run). */
    public record Agent(String aiAgentId, @Schema(nullable = true) String aiAgentName, long testCases,
            @Schema(description = "null when the agent was never run", nullable = true) TestRunView lastTestRun) {
    }

    /** Current endpoint: one page by slug. */
    public record Page(boolean success, List<Agent> aiAgents, long total, int limit, int offset) {
    }

    /** Deprecated endpoint: all of them at once (at most 1000). */
    public record All(boolean success, List<Agent> aiAgents) {
    }
}
