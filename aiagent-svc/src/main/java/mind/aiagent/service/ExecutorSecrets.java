package mind.aiagent.service;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.secrets.SecretMask;

/**
 * Secrets live in {@code settings.executor[]} (API keys, passwords of the systems an executor calls).
 * Only there: {@code settings.parameters[].key} is a parameter's name, not a secret, so the shared
 * key-name rule must not run over the whole of {@code settings}.
 */
public final class ExecutorSecrets {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private ExecutorSecrets() {
    }

    /** A copy of {@code settings} whose executors have their secret values masked; the input is not changed. */
    @SuppressWarnings("unchecked")
    public static JsonNode masked(JsonNode settings) {
        if (settings == null || !settings.isObject() || !settings.path("executor").isArray()) {
            return settings;
        }
        ObjectNode copy = settings.deepCopy();
        ArrayNode executors = copy.putArray("executor");
        for (JsonNode executor : settings.get("executor")) {
            if (executor.isObject()) {
                Map<String, Object> map = PLAIN.convertValue(executor, Map.class);
                executors.add(PLAIN.valueToTree(SecretMask.masked(map)));
            } else {
                executors.add(executor);
            }
        }
        return copy;
    }

    /**
     * A client that read masked settings and sends them back unchanged must not overwrite the stored
     * secrets with the mask: wherever the new executor at the same index holds exactly the mask under
     * a secret key, the stored value is kept.
     */
    public static void restoreMasked(JsonNode stored, JsonNode updated) {
        if (stored == null || updated == null) {
            return;
        }
        JsonNode oldExecutors = stored.path("executor");
        JsonNode newExecutors = updated.path("executor");
        if (!oldExecutors.isArray() || !newExecutors.isArray()) {
            return;
        }
        for (int i = 0; i < Math.min(oldExecutors.size(), newExecutors.size()); i++) {
            restore(oldExecutors.get(i), newExecutors.get(i));
        }
    }

    private static void restore(JsonNode old, JsonNode updated) {
        if (updated instanceof ObjectNode object && old != null && old.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (SecretMask.isSecretKey(field.getKey()) && value.isTextual() && SecretMask.MASK.equals(value.asText())
                        && old.has(field.getKey())) {
                    field.setValue(old.get(field.getKey()).deepCopy());
                } else {
                    restore(old.get(field.getKey()), value);
                }
            }
        } else if (updated instanceof ArrayNode array && old != null && old.isArray()) {
            for (int i = 0; i < Math.min(array.size(), old.size()); i++) {
                restore(old.get(i), array.get(i));
            }
        }
    }
}
