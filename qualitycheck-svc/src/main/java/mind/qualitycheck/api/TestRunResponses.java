package mind.qualitycheck.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.qualitycheck.domain.Scoring;
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
     * test ticket would record as actual and the agent's masked answer; judged by the agent's test cases on the
     * ticket: each case with its expectation and whether the actual result meets it, {@code successful} when every
     * case is met, and the scores as a run over these cases would give them (null and empty without a case).
     */
    public record AgentTested(boolean success, String aiAgentId, String aiAgentName, long ticketId, JsonNode actualResult,
            JsonNode rawResult, List<JudgedCase> testCases,
            @Schema(nullable = true, description = "every case met; null without a case") Boolean successful,
            Map<String, Double> scores) {

        public static AgentTested of(TestTicketTester.Tested tested) {
            List<JudgedCase> cases = tested.testCases().stream().map(c -> new JudgedCase(c.id, c.description,
                    c.expectedResult, Scoring.successful(c.expectedResult, tested.actualResult()))).toList();
            Map<String, Double> scores = Scoring.scores(tested.testCases().stream()
                    .map(c -> new Scoring.Pair(c.expectedResult, tested.actualResult())).toList());
            return new AgentTested(true, tested.agent().code(), tested.agent().name(), tested.ticketId(),
                    tested.actualResult(), tested.rawResult(), cases,
                    cases.isEmpty() ? null : cases.stream().allMatch(JudgedCase::successful), scores);
        }
    }

    /** One test case of the tested agent on the tested ticket, judged against the actual result. */
    public record JudgedCase(long testCaseId, @Schema(nullable = true) String description, JsonNode expectedResult,
            boolean successful) {
    }

    /** {@code PATCH .../updateExpectedResult/{ticketId}} and {@code .../acceptExpectedResult/{ticketId}}. */
    public record TicketChanged(boolean success, String message, TestTicketView testTicket) {
    }

    /** {@code POST .../acceptAllExpectedResults}. */
    public record TicketsChanged(boolean success, String message, List<TestTicketView> testTickets) {
    }
}
