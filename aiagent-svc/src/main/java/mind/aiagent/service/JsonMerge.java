package mind.aiagent.service;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The deep merge of a PATCH's plain {@code settings} or {@code appearance} object onto the stored one
 * (enneo: "deep merge of the partial document onto the stored agent"), as JSON Merge Patch (RFC 7396)
 * does it: objects are merged key by key, recursively; arrays, strings, numbers and booleans replace the
 * stored value whole; {@code null} removes the key (for the keys every agent's settings carry, {@link
 * mind.aiagent.domain.AgentSettings} then puts back their empty value, so null clears them).
 */
public final class JsonMerge {

    private JsonMerge() {
    }

    /**
     * {@code patch} merged onto {@code target}; neither is changed (the result shares no node with them).
     * A {@code patch} that is no object replaces {@code target}; a {@code target} that is no object reads
     * as {@code {}} under an object patch.
     */
    public static JsonNode merge(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? null : patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value == null || value.isNull()) {
                result.remove(field.getKey());
            } else if (value.isObject()) {
                result.set(field.getKey(), merge(result.get(field.getKey()), value));
            } else {
                result.set(field.getKey(), value.deepCopy());
            }
        }
        return result;
    }
}
