package mind.aiagent.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * enneo's preview answer, also the answer of {@code POST /aiAgent/outcome} (ticket-svc reads it as its
 * {@code Outcome}). {@code curlRequests} lists the ticket-svc calls an execution makes (made only when
 * an outcome is applied).
 */
public record PreviewResponse(
        boolean success,
        @Schema(description = "why the run failed; null when it did not", nullable = true) String error,
        Map<String, Object> dataOutcome,
        String dataOutcomeInfo,
        Map<String, Object> customerOutcome,
        @Schema(nullable = true) String customerOutcomeType,
        @Schema(nullable = true) String customerOutcomeInfo,
        List<CurlRequest> curlRequests) {

    /** One call: method, full URL, JSON body and the same as a curl command line (token elided). */
    public record CurlRequest(String method, String url, Object body, String curl, Boolean executed) {
    }
}
