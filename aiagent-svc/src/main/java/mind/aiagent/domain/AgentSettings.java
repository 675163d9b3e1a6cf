package mind.aiagent.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The keys every agent's {@code settings} carries, as clients read and patch them ({@code
 * settings{executor, parameters, responseCases, detectionDetails, personality}}): an agent saved without
 * some of them (or stored before they were filled in) reads them empty, so that a client can address
 * {@code settings.executor[0]} or {@code settings.personality.style} without first checking they exist.
 */
public final class AgentSettings {

    /** The keys and their empty values, in the order they are added. */
    private static final Map<String, Supplier<JsonNode>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("executor", JsonNodeFactory.instance::arrayNode);
        DEFAULTS.put("parameters", JsonNodeFactory.instance::arrayNode);
        DEFAULTS.put("responseCases", JsonNodeFactory.instance::arrayNode);
        DEFAULTS.put("detectionDetails", JsonNodeFactory.instance::objectNode);
        DEFAULTS.put("personality", JsonNodeFactory.instance::objectNode);
    }

    private AgentSettings() {
    }

    /**
     * {@code settings} with each of the five keys that is missing or null added with its empty value;
     * values present are kept as they are (also ones of an unexpected type: validation names those on
     * save). The input is never changed: a copy is returned when a key had to be added. Null reads as
     * {@code {}}; anything that is not an object is returned as it is.
     */
    public static JsonNode withDefaults(JsonNode settings) {
        if (settings != null && !settings.isNull() && !settings.isObject()) {
            return settings;
        }
        if (settings != null && !settings.isNull() && DEFAULTS.keySet().stream().allMatch(settings::hasNonNull)) {
            return settings;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        if (settings != null && settings.isObject()) {
            copy.setAll((ObjectNode) settings);
        }
        DEFAULTS.forEach((key, empty) -> {
            if (!copy.hasNonNull(key)) {
                copy.set(key, empty.get());
            }
        });
        return copy;
    }
}
