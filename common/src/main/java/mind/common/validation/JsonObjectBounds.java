package mind.common.validation;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import mind.common.error.ApiException;

/**
 * Bounds of a free-form JSON object: at most {@code maxBytes} as compact UTF-8 JSON and, when
 * {@code maxKeys} is above 0, at most that many top-level keys. Free-form does not mean unbounded.
 * Used by {@link BoundedJsonObject} for bounds fixed in the contract, and directly where a bound is
 * configuration ({@link #check}).
 *
 * @param maxBytes upper bound of the value written as compact JSON, in UTF-8 bytes
 * @param maxKeys upper bound of top-level keys; 0 for none
 */
public record JsonObjectBounds(int maxBytes, int maxKeys) {

    /**
     * A plain mapper: only the size matters, and the values are what Jackson read from a request
     * (maps, lists, strings, numbers, booleans, nodes), which need no modules.
     */
    private static final ObjectMapper MEASURE = JsonMapper.builder().build();

    /**
     * Why {@code value} (a {@link JsonNode} or a {@link Map}) breaks the bounds, or null when it keeps
     * them; an absent value or JSON null keeps them.
     */
    public String problem(Object value) {
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            return null;
        }
        int keys;
        if (value instanceof JsonNode node) {
            if (!node.isObject()) {
                return "must be a JSON object";
            }
            keys = node.size();
        } else if (value instanceof Map<?, ?> map) {
            keys = map.size();
        } else {
            return "must be a JSON object";
        }
        if (maxKeys > 0 && keys > maxKeys) {
            return "must have at most " + maxKeys + " top-level keys";
        }
        if (bytes(value) > maxBytes) {
            return "must be at most " + maxBytes + " bytes as JSON";
        }
        return null;
    }

    /** Throws the 400 naming {@code field} when {@code value} breaks the bounds. */
    public void check(String field, Object value) {
        String problem = problem(value);
        if (problem != null) {
            throw ApiException.invalidField(field, problem);
        }
    }

    private static long bytes(Object value) {
        try {
            return MEASURE.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            // what Jackson read it can write again; anything else is out of bounds
            return Long.MAX_VALUE;
        }
    }
}
