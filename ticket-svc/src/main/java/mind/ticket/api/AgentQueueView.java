package mind.ticket.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /agents/queue}. */
public record AgentQueueView(
        @Schema(description = "tickets waiting (open, unassigned, unclaimed, matching the caller's skills) per active agent; "
                + "-1 when no agent is active") double agentQueue,
        @Schema(description = "per realtime channel (chat, phone): whether an agent is active to take a live conversation")
        Map<String, Boolean> liveConversationPossible,
        @Schema(description = "per channel, seconds: waiting tickets of the channel x average claim-to-close seconds of the "
                + "channel / active agents, rounded up; -1 when no agent is active") Map<String, Long> expectedWaitingTime,
        @Schema(description = "per channel: the waiting tickets counted above") Map<String, Long> waiting,
        @Schema(description = "agents with a live claim or a live ping") long activeAgents,
        boolean success) {
}
