package mind.aiagent.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.engine.AgentEngine;
import mind.aiagent.engine.Outcome;
import mind.aiagent.engine.ResponseCase;
import mind.common.secrets.SecretMask;

/**
 * The executor protocol of source-code executors (README, "Source-code executors"): what is sent to the
 * executor endpoint and how its answer becomes an {@link Outcome}.
 *
 * <p>Request: {@code {language, code, parameters, ticket, secrets}}. Answer:
 * {@code {success, output:{type, text, ticketUpdate, autoExecute}, error}}. Anything else is a malformed
 * answer: an outcome of type {@code error} saying what is wrong with it, never quoting it.
 */
final class SourceCodeRun {

    static final Set<String> OUTPUT_TYPES = Set.of("reply", "internalNote", "none");
    static final int MAX_TEXT = 20_000;
    static final int MAX_ERROR = 500;
    /** Shorter secret values are not searched for in answers: "1" would mask every digit. */
    static final int MIN_SCRUBBED = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceCodeRun() {
    }

    /** The body POSTed to the executor endpoint. */
    static ObjectNode request(JsonNode executor, Map<String, Object> parameters, JsonNode ticket, ObjectNode secrets) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("language", executor.path("language").asText());
        request.put("code", executor.path("code").asText());
        request.set("parameters", JSON.valueToTree(parameters));
        request.set("ticket", ticket);
        request.set("secrets", secrets);
        return request;
    }

    /**
     * The secrets of one executor entry, opened: the fields of its {@code secrets} object, and every other
     * field at its top level whose name looks like a secret ({@link SecretMask#isSecretKey}: apiKey,
     * password, token...).
     */
    static ObjectNode secrets(JsonNode executor) {
        ObjectNode secrets = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = executor.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if ("secrets".equals(field.getKey()) && field.getValue().isObject()) {
                secrets.setAll((ObjectNode) field.getValue().deepCopy());
            } else if (SecretMask.isSecretKey(field.getKey()) && !field.getValue().isNull()) {
                secrets.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return secrets;
    }

    /** Every textual value in {@code secrets} long enough to be searched for, at any depth. */
    static List<String> values(JsonNode secrets) {
        List<String> out = new ArrayList<>();
        collect(secrets, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        } else if (node.isValueNode() && !node.isNull()) {
            String text = node.asText();
            if (text.length() >= MIN_SCRUBBED && !SecretMask.MASK.equals(text)) {
                out.add(text);
            }
        }
    }

    /**
     * The executor's answer as an outcome, with {@code data} (the parameters sent) as its data. Secret values
     * the code echoed are masked: its answer ends up in responses, reply drafts and ticket fields.
     */
    static Outcome outcome(String answer, Map<String, Object> data, JsonNode ticket, String language, List<String> secrets) {
        JsonNode root;
        try {
            root = answer == null || answer.isBlank() ? null : JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            return malformed("it is not JSON", data);
        }
        if (root == null || !root.isObject()) {
            return malformed("it is not a JSON object", data);
        }
        JsonNode success = root.get("success");
        if (success == null || !success.isBoolean()) {
            return malformed("success must be true or false", data);
        }
        if (!success.asBoolean()) {
            JsonNode error = root.get("error");
            String message = error != null && error.isTextual() && !error.asText().isBlank()
                    ? scrub(error.asText(), secrets) : "no error message";
            if (message.length() > MAX_ERROR) {
                message = message.substring(0, MAX_ERROR) + "...";
            }
            return Outcome.failure("The executor reported a failure: " + message, data, "error");
        }
        JsonNode output = root.get("output");
        if (output == null || !output.isObject()) {
            return malformed("output must be an object", data);
        }
        String type = output.path("type").isTextual() ? output.get("type").asText() : null;
        if (type == null || !OUTPUT_TYPES.contains(type)) {
            return malformed("output.type must be one of reply, internalNote, none", data);
        }
        JsonNode textNode = output.get("text");
        String text = null;
        if (textNode != null && !textNode.isNull()) {
            if (!textNode.isTextual() || textNode.asText().length() > MAX_TEXT) {
                return malformed("output.text must be a text of at most " + MAX_TEXT + " characters", data);
            }
            text = scrub(textNode.asText(), secrets);
        }
        if (!"none".equals(type) && (text == null || text.isBlank())) {
            return malformed("output.text is required for output.type " + type, data);
        }
        if ("none".equals(type)) {
            text = null;
        }
        JsonNode update = output.get("ticketUpdate");
        if (update != null && !update.isNull() && !update.isObject()) {
            return malformed("output.ticketUpdate must be an object", data);
        }
        if (update != null && update.isObject()) {
            update = scrub(update, secrets);
        }
        JsonNode autoExecute = output.get("autoExecute");
        if (autoExecute != null && !autoExecute.isNull() && !autoExecute.isBoolean()) {
            return malformed("output.autoExecute must be true or false", data);
        }
        ResponseCase executorCase = new ResponseCase("executor", 0, null, type, text,
                update == null || update.isNull() ? null : update, autoExecute != null && autoExecute.asBoolean(false),
                "Source code (" + language + ")");
        return new Outcome(true, null, data, Outcome.summary(data), type, text, executorCase, List.of(),
                AgentEngine.calls(executorCase, text, ticket, data));
    }

    private static Outcome malformed(String why, Map<String, Object> data) {
        return Outcome.failure("The executor's answer could not be used: " + why + " (expected {success, output:{type, "
                + "text, ticketUpdate}, error})", data, "error");
    }

    static String scrub(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, SecretMask.MASK);
        }
        return out;
    }

    private static JsonNode scrub(JsonNode node, List<String> secrets) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.fields().forEachRemaining(f -> copy.set(f.getKey(), scrub(f.getValue(), secrets)));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(scrub(item, secrets)));
            return copy;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(scrub(node.asText(), secrets));
        }
        return node;
    }
}
