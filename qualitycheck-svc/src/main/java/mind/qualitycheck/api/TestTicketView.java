package mind.qualitycheck.api;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.json.ApiJson;
import mind.qualitycheck.domain.TestTicket;
import mind.qualitycheck.domain.TestTicketState;

/**
 * enneo's {@code TestTicket}; {@code successful}, {@code error} and {@code testedAt} (ISO-8601) are ours:
 * whether every expected field matched, why the test failed, and when it was tested.
 */
public record TestTicketView(
        long id,
        long testRunId,
        @Schema(nullable = true) Long testCaseId,
        long ticketId,
        String aiAgentId,
        TestTicketState state,
        JsonNode config,
        JsonNode expectedResult,
        JsonNode actualResult,
        JsonNode rawResult,
        @Schema(nullable = true) Boolean successful,
        @Schema(description = "why the test could not run; null unless it failed that way", nullable = true) String error,
        @JsonSerialize(using = ApiJson.IsoInstantSerializer.class) @Schema(type = SchemaType.STRING, format = "date-time", example = "2023-11-07T05:31:56Z", nullable = true) Instant testedAt) {

    public static TestTicketView of(TestTicket t) {
        return new TestTicketView(t.id, t.testRunId, t.testCaseId, t.ticketId, t.aiAgentId, t.state, t.config,
                t.expectedResult, t.actualResult, t.rawResult, t.successful, t.error, t.testedAt);
    }
}
