package mind.qualitycheck.api;

import java.util.List;
import java.util.Map;

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

    /** {@code PATCH .../updateExpectedResult/{ticketId}} and {@code .../acceptExpectedResult/{ticketId}}. */
    public record TicketChanged(boolean success, String message, TestTicketView testTicket) {
    }

    /** {@code POST .../acceptAllExpectedResults}. */
    public record TicketsChanged(boolean success, String message, List<TestTicketView> testTickets) {
    }
}
