package mind.aiagent.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.domain.AiAgentEnums.AiAgentChannel;
import mind.aiagent.domain.AiAgentEnums.Intelligence;
import mind.aiagent.domain.Slugs;
import mind.aiagent.service.NewAiAgent;
import mind.common.validation.BoundedJsonObject;

/**
 * Body of {@code POST /aiAgent}: an {@code AiAgent} without {@code id} (an {@code id} sent anyway
 * is ignored). Only {@code name} is required.
 */
public record AiAgentCreateRequest(
        @NotBlank @Size(max = 255) String name,
        @Size(max = 10_000) String description,
        @PositiveOrZero Long tagId,
        @Size(min = 1, max = 8) List<@NotNull AiAgentChannel> channels,
        Intelligence intelligence,
        @Size(max = Slugs.MAX_LENGTH)
        @Pattern(regexp = Slugs.PATTERN, message = "must use only a-z, 0-9 and _ and not be only digits") String slug,
        @BoundedJsonObject(maxBytes = 16_384) JsonNode appearance,
        @Size(max = 100) List<@NotNull @PositiveOrZero Long> exampleTicketIds,
        @BoundedJsonObject(maxBytes = 512_000) JsonNode settings,
        Boolean enabled,
        mind.aiagent.domain.AiAgentEnums.Category category) {

    NewAiAgent toNewAiAgent() {
        return new NewAiAgent(name, description, tagId, channels, intelligence, slug, appearance, exampleTicketIds,
                settings, enabled, category);
    }
}
