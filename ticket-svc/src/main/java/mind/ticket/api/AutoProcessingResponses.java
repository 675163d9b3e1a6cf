package mind.ticket.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.ticket.client.Outcome;
import mind.ticket.service.AutoProcessingBatch;
import mind.ticket.service.AutoProcessingRules;

/** The answers of {@code GET /ticket/detectAutoProcessable} and {@code processAutoProcessable}. */
public final class AutoProcessingResponses {

    private AutoProcessingResponses() {
    }

    @Schema(name = "AutoProcessingReason")
    public record Reason(
            @Schema(description = "noAiAgentDetected, spam, channel, direction, autoProcessingDisabled, multipleAiAgents, "
                    + "customerReplied, customerLegitimation, alreadyAutoExecuted; in notChecked: autoExecutableIntent, "
                    + "autoProcessingDelay") String rule,
            String message) {

        static Reason of(AutoProcessingRules.Reason r) {
            return new Reason(r.rule(), r.message());
        }
    }

    @Schema(name = "AutoProcessingVerdict")
    public record Verdict(long ticketId,
            @Schema(description = "every rule passed") boolean autoProcessable,
            @Schema(description = "every detected agent is in immediateAiAgents: processAutoProcessable runs it; "
                    + "otherwise a person triggers it") boolean immediate,
            List<Long> aiAgentIds,
            @Schema(description = "the rules that failed, in the order of enneo's chain; empty when autoProcessable") List<Reason> reasons) {

        static Verdict of(AutoProcessingRules.Verdict v) {
            return new Verdict(v.ticketId(), v.autoProcessable(), v.immediate(), v.aiAgentIds(),
                    v.reasons().stream().map(Reason::of).toList());
        }
    }

    @Schema(name = "AutoProcessableTickets")
    public record Detected(boolean success, boolean enableAiAutoProcessing, List<Long> immediateAiAgents, long total,
            int limit, int offset,
            @Schema(description = "rules of enneo's chain this service cannot check, and why") List<Reason> notChecked,
            List<Verdict> tickets) {
    }

    @Schema(name = "AutoProcessedTicket")
    public record Processed(long ticketId, Long aiAgentId,
            @Schema(description = "executed (the agent ran), failed (it ran and failed, or aiagent-svc refused it: code "
                    + "autoexecute_failed), skipped (no longer auto-processable when its turn came: code "
                    + "not_auto_processable), unavailable (aiagent-svc could not be reached; the batch stopped)") String result,
            @Schema(nullable = true) String code, @Schema(nullable = true) String error,
            @Schema(implementation = Object.class, nullable = true, description = "aiagent-svc's outcome, as autoexecute answers it") Outcome outcome) {

        static Processed of(AutoProcessingBatch.Processed p) {
            return new Processed(p.ticketId(), p.aiAgentId(), p.result(), p.code(), p.error(), p.outcome());
        }
    }

    @Schema(name = "AutoProcessingBatch")
    public record Batch(@Schema(description = "every ticket in results was executed (true when there were none)") boolean success,
            boolean enableAiAutoProcessing, List<Long> immediateAiAgents, int limit,
            @Schema(description = "aiagent-svc could not be reached; the tickets after the last result were not tried") boolean stoppedEarly,
            List<Processed> results) {
    }
}
