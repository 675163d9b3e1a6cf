package mind.qualitycheck.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import mind.qualitycheck.service.TestTicketTester;

/** Answers of the test run endpoints besides the list. */
public final class TestRunResponses {

    private TestRunResponses() {
    }

    /** {@code POST /aiQualityCheck/testRun}. */
    public record Scheduled(boolean success, TestRunView testRun) {
    }

    /** {@code GET /aiQualityCheck/testRun/{id}}: scores per field (0..1) and overall, the run, its test tickets. */
    public record Detail(boolean success, Map<String, Double> scores, TestRunView testRun, List<TestTicketView> tickets) {
    }

    /**
     * {@code POST /aiQualityCheck/testAiAgent}: the agent (its slug as aiAgentId) on the ticket, with the TestResult a
     * test ticket would record as actual and the agent's masked answer.
     */
    public record AgentTested(boolean success, String aiAgentId, String aiAgentName, long ticketId, JsonNode actualResult,
            JsonNode rawResult) {

        public static AgentTested of(TestTicketTester.Tested tested) {
            return new AgentTested(true, tested.agent().code(), tested.agent().name(), tested.ticketId(),
                    tested.actualResult(), tested.rawResult());
        }
    }

    /** {@code PATCH .../updateExpectedResult/{ticketId}} and {@code .../acceptExpectedResult/{ticketId}}. */
    public record TicketChanged(boolean success, String message, TestTicketView testTicket) {
    }

    /** {@code POST .../acceptAllExpectedResults}. */
    public record TicketsChanged(boolean success, String message, List<TestTicketView> testTickets) {
    }
}
