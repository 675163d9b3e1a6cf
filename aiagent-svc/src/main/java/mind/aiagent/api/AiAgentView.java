package mind.aiagent.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.aiagent.domain.AgentSettings;
import mind.aiagent.domain.AiAgent;
import mind.aiagent.domain.AiAgentEnums.AiAgentChannel;
import mind.aiagent.domain.AiAgentEnums.Category;
import mind.aiagent.domain.AiAgentEnums.Intelligence;
import mind.aiagent.service.ExecutorSecrets;

/** An AI agent as {@code GET /aiAgent/{id}} returns it: the {@code AiAgent} fields next to {@code success}. */
public record AiAgentView(
        boolean success,
        long id,
        String name,
        String slug,
        @Schema(nullable = true) Long tagId,
        List<AiAgentChannel> channels,
        @Schema(nullable = true) String description,
        Intelligence intelligence,
        Category category,
        JsonNode appearance,
        List<Long> exampleTicketIds,
        JsonNode settings,
        boolean enabled,
        Instant createdAt,
        @Schema(nullable = true) Instant modifiedAt) {

    /** With executor secrets masked (sealed or not, a masked value reads as the mask). */
    public static AiAgentView of(AiAgent a) {
        return of(a, ExecutorSecrets.masked(a.settings));
    }

    /**
     * With {@code settings} as given: masked, or opened for a caller who may see secrets; the keys every
     * agent carries ({@link AgentSettings}) are added empty where the stored settings lack them.
     */
    public static AiAgentView of(AiAgent a, JsonNode settings) {
        return new AiAgentView(true, a.id, a.name, a.slug, a.tagId, List.copyOf(a.channels), a.description,
                a.intelligence, a.category, a.appearance, List.copyOf(a.exampleTicketIds),
                AgentSettings.withDefaults(settings), a.enabled,
                a.createdAt, a.modifiedAt);
    }
}
