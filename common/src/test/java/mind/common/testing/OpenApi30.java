package mind.common.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The services' documents are OpenAPI 3.1; the request validator (swagger-request-validator 2.46) reads a
 * 3.1 schema's {@code type} list as no type at all, so that {@code "id":"two"} passed for an integer and
 * {@code null} for a string. This writes the same document in 3.0 terms, which it checks fully:
 * {@code type: [t, "null"]} becomes {@code type: t, nullable: true}, a {@code $ref} admitting null
 * ({@code anyOf: [{$ref}, {type: null}]}) gets {@code nullable: true, enum: [null]} as its null option (the
 * validator admits null only where a schema says nullable), several types
 * an {@code anyOf} of them, numeric {@code exclusiveMinimum}/{@code exclusiveMaximum} the 3.0 boolean
 * form, {@code const} a one-value {@code enum}, schema {@code examples} are left out. Nothing is loosened.
 */
final class OpenApi30 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApi30() {
    }

    static String of(String document31) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(document31);
            root.put("openapi", "3.0.3");
            walk(root);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON OpenAPI document", e);
        }
    }

    /** Each operation of the document as a pattern of "METHOD /path" ({@code {id}} matches one segment). */
    static List<String> operations(String document31) {
        try {
            List<String> operations = new ArrayList<>();
            JSON.readTree(document31).path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                    .forEachRemaining(method -> operations.add(java.util.regex.Pattern.quote(method.toUpperCase(java.util.Locale.ROOT) + " ")
                            + java.util.regex.Pattern.quote(path.getKey()).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q"))));
            return operations;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON OpenAPI document", e);
        }
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            schema(object);
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                walk(it.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApi30::walk);
        }
    }

    /** Rewrites one object if it is a schema (has a schema keyword); other objects pass unchanged. */
    private static void schema(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            boolean nullable = false;
            for (JsonNode t : types) {
                if ("null".equals(t.asText())) {
                    nullable = true;
                } else {
                    named.add(t.asText());
                }
            }
            schema.remove("type");
            if (named.size() == 1) {
                schema.put("type", named.get(0));
            } else if (named.size() > 1) {
                ArrayNode anyOf = schema.putArray("anyOf");
                named.forEach(t -> anyOf.addObject().put("type", t));
            }
            if (nullable) {
                schema.put("nullable", true);
            }
        } else if (type != null && "null".equals(type.asText()) && type.isTextual()) {
            schema.remove("type");
            schema.put("nullable", true);
        }
        for (String combiner : new String[] { "anyOf", "oneOf" }) {
            // [{$ref}, {type: null}]: the null option becomes the draft-04 form of "only null"
            if (schema.get(combiner) instanceof ArrayNode options) {
                for (int i = 0; i < options.size(); i++) {
                    if (isNullOnly(options.get(i))) {
                        ObjectNode onlyNull = JSON.createObjectNode();
                        onlyNull.put("nullable", true);
                        onlyNull.putArray("enum").addNull();
                        options.set(i, onlyNull);
                    }
                }
            }
        }
        exclusive(schema, "exclusiveMinimum", "minimum");
        exclusive(schema, "exclusiveMaximum", "maximum");
        if (schema.has("const") && schema.has("type")) {
            schema.putArray("enum").add(schema.remove("const"));
        }
        // a list of examples is a 3.1 schema's (those of media types and parameters are maps)
        if (schema.get("examples") instanceof ArrayNode) {
            schema.remove("examples");
        }
    }

    private static boolean isNullOnly(JsonNode schema) {
        return schema.size() == 1 && "null".equals(schema.path("type").asText(null))
                || schema.size() == 1 && schema.path("nullable").asBoolean(false);
    }

    private static void exclusive(ObjectNode schema, String keyword, String bound) {
        JsonNode value = schema.get(keyword);
        if (value != null && value.isNumber()) {
            schema.set(bound, value);
            schema.put(keyword, true);
        }
    }
}
