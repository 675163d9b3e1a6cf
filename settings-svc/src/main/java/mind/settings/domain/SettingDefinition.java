package mind.settings.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A known setting as the registry ({@code setting_definition}) defines it. Definitions change only by
 * migration, so they are read once and kept; values live in {@code setting_value}.
 *
 * @param type         the JSON type of the value: boolean, integer, number, string, array, object
 * @param valueSchema  the JSON Schema (draft 2020-12) a written value must satisfy, as JSON text
 */
public record SettingDefinition(String name, String category, String type, JsonNode defaultValue, boolean secret,
        List<String> usedBy, String description, String valueSchema) {

    /** The context a secret value is sealed under: a ciphertext opens only for the setting it was made for. */
    public String sealContext() {
        return "setting:" + name;
    }
}
