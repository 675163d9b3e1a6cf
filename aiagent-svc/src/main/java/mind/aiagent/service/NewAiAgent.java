package mind.aiagent.service;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.domain.AiAgentEnums.AiAgentChannel;
import mind.aiagent.domain.AiAgentEnums.Intelligence;

/** What a create carries into the service, independent of the HTTP shape; null means "use the default". */
public record NewAiAgent(String name, String description, Long tagId, List<AiAgentChannel> channels,
        Intelligence intelligence, String slug, JsonNode appearance, List<Long> exampleTicketIds, JsonNode settings,
        Boolean enabled, mind.aiagent.domain.AiAgentEnums.Category category) {
}
