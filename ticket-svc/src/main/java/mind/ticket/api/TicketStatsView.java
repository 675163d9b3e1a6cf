package mind.ticket.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /ticket/stats}: unfinished tickets (every status but closed and resolved). */
public record TicketStatsView(
        boolean success,
        @Schema(description = "unfinished tickets in all") long total,
        @Schema(description = "tickets with status open under a live claim (being worked through getLatest)") long claimed,
        Map<String, Long> byStatus,
        Map<String, Long> byChannel,
        Map<String, Long> byPriority,
        @Schema(description = "per tag id, most frequent first (at most 1000 tags)") List<TagCount> tags,
        @Schema(description = "per assigned agent, most tickets first; agentId null = unassigned") List<AgentCount> agents,
        @Schema(description = "per detected intent; empty until ticket-svc stores intents") List<Object> intents) {

    @Schema(name = "TicketStatsTagCount")
    public record TagCount(long tagId, long count) {
    }

    @Schema(name = "TicketStatsAgentCount")
    public record AgentCount(@Schema(description = "null: the unassigned tickets", nullable = true) Long agentId, long count) {
    }
}
