package mind.telephony.api;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /telephony/agentConnected}: the agent and ticketId or channelId (or both, naming the same call). */
public record AgentConnectedRequest(@Positive Long userId, @Positive Long ticketId, @Size(min = 1, max = 255) String channelId) {
}
