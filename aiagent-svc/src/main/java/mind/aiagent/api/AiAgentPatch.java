package mind.aiagent.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.domain.AiAgentEnums.AiAgentChannel;
import mind.aiagent.domain.AiAgentEnums.Category;
import mind.aiagent.domain.AiAgentEnums.Intelligence;
import mind.aiagent.domain.Slugs;
import mind.common.patch.Patch;
import mind.common.validation.BoundedJsonObject;

/**
 * The plain keys of a {@code PATCH /aiAgent/{id}} body: absent leaves a field alone, {@code null} clears
 * the nullable ones. {@code settings} and {@code appearance} are deep-merged into the stored objects
 * ({@link mind.aiagent.service.JsonMerge}). Dotted keys ({@code settings.executor[0].code}) are applied
 * separately, after these.
 */
public record AiAgentPatch(
        @NotNull @NotBlank @Size(max = 255) @Schema(implementation = String.class) Patch<String> name,
        @Size(max = 10_000) @Schema(implementation = String.class, nullable = true) Patch<String> description,
        @PositiveOrZero @Schema(implementation = Long.class, nullable = true) Patch<Long> tagId,
        @NotNull @Size(min = 1, max = 8) @Schema(implementation = AiAgentChannel[].class)
        Patch<List<@NotNull AiAgentChannel>> channels,
        @NotNull @Schema(implementation = Intelligence.class) Patch<Intelligence> intelligence,
        @NotNull @Schema(implementation = Category.class) Patch<Category> category,
        @NotNull @Size(max = Slugs.MAX_LENGTH)
        @Pattern(regexp = Slugs.PATTERN, message = "must use only a-z, 0-9 and _ and not be only digits")
        @Schema(implementation = String.class) Patch<String> slug,
        @NotNull @BoundedJsonObject(maxBytes = 16_384) @Schema(implementation = Object.class, description = MERGED)
        Patch<JsonNode> appearance,
        @NotNull @Size(max = 100) @Schema(implementation = Long[].class)
        Patch<List<@NotNull @PositiveOrZero Long>> exampleTicketIds,
        @NotNull @BoundedJsonObject(maxBytes = 512_000) @Schema(implementation = Object.class, description = MERGED)
        Patch<JsonNode> settings,
        @NotNull @Schema(implementation = Boolean.class) Patch<Boolean> enabled) {

    static final String MERGED = "Deep-merged into the stored object: objects key by key, recursively; arrays and "
            + "other values replace the stored value whole; null removes the key (the five settings keys then read "
            + "empty). May not be null itself.";
}
