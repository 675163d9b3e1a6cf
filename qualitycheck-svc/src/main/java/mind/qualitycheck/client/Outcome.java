package mind.qualitycheck.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** aiagent-svc's answer to an outcome request (the shape of its preview). Fields it adds later are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Outcome(
        boolean success,
        String error,
        JsonNode dataOutcome,
        String dataOutcomeInfo,
        JsonNode customerOutcome,
        String customerOutcomeType,
        String customerOutcomeInfo,
        JsonNode curlRequests) {
}
