package mind.qualitycheck.api;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.json.ApiJson;
import mind.qualitycheck.domain.TestRun;
import mind.qualitycheck.domain.TestRunState;

/** enneo's {@code TestRun}; its dates are ISO-8601 ({@code 2023-11-07T05:31:56Z}), unlike most of the API. */
public record TestRunView(
        long id,
        String aiAgentId,
        @Schema(nullable = true) String aiAgentName,
        TestRunState state,
        JsonNode config,
        @Schema(nullable = true) Long createdBy,
        @JsonSerialize(using = ApiJson.IsoInstantSerializer.class) @Schema(type = SchemaType.STRING, format = "date-time", example = "2023-11-07T05:31:56Z") Instant createdAt,
        @JsonSerialize(using = ApiJson.IsoInstantSerializer.class) @Schema(type = SchemaType.STRING, format = "date-time", example = "2023-11-07T05:31:56Z", nullable = true,
                description = "null until the run ends") Instant endDate,
        int ticketsScheduledForTesting,
        int ticketsTested,
        int successfulTests,
        @Schema(nullable = true) String description) {

    public static TestRunView of(TestRun r) {
        return new TestRunView(r.id, r.aiAgentId, r.aiAgentName, r.state, r.config, r.createdBy, r.createdAt,
                r.endDate, r.ticketsScheduledForTesting, r.ticketsTested, r.successfulTests, r.description);
    }
}
