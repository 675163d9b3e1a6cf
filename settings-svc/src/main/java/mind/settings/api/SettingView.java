package mind.settings.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One setting as {@code GET /settings} shows it: its value (masked when secret) and its registry entry. */
@Schema(name = "Setting")
public record SettingView(
        String name,
        @Schema(description = "The current value (the default unless changed); \"********\" for a secret setting "
                + "unless revealed", implementation = Object.class, nullable = true)
        JsonNode value,
        String category,
        @Schema(description = "JSON type of the value", enumeration = { "boolean", "integer", "number", "string", "array", "object" })
        String type,
        @Schema(description = "The value a setting has until it is changed", implementation = Object.class, nullable = true)
        @JsonProperty("default") JsonNode defaultValue,
        boolean secret,
        @Schema(description = "Services that read the setting (filterByUsedBy)")
        List<String> usedBy,
        String description) {
}
