package mind.ticket.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.ticket.client.Outcome;
import mind.ticket.service.AutoexecuteResult;

/**
 * The answer of {@code POST /ticket/{id}/autoexecute}: 200 with success true and the outcome, or 207
 * with success false, code {@code autoexecute_failed} and the reason in {@code error} (the outcome too
 * when aiagent-svc sent one).
 */
@Schema(name = "AutoexecuteResult")
public record AutoexecuteResponse(boolean success, long ticketId, long aiAgentId,
        @Schema(description = "autoexecute_failed, or null on success", nullable = true) String code,
        @Schema(description = "why it failed, or null on success", nullable = true) String error,
        @Schema(implementation = Object.class, description = "aiagent-svc's outcome: success, error, dataOutcome, "
                + "dataOutcomeInfo, customerOutcome, customerOutcomeType, customerOutcomeInfo, curlRequests; null when it sent none",
                nullable = true) Outcome outcome) {

    static AutoexecuteResponse of(AutoexecuteResult r) {
        return new AutoexecuteResponse(r.success(), r.ticketId(), r.aiAgentId(), r.success() ? null : "autoexecute_failed",
                r.error(), r.outcome());
    }
}
