package mind.aiagent.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import mind.aiagent.engine.AgentDefinition;
import mind.aiagent.engine.LlmSuggestion;
import mind.aiagent.engine.ParameterDef;
import mind.aiagent.engine.ResponseCase;

/**
 * What a smart agent asks its LLM, and how the answer is read. The LLM gets the agent's purpose, its
 * parameters (key, type, name, description) and response cases (id, description), and the ticket's
 * subject, body and messages (bounded); not the customer's or contract's records. It answers one JSON
 * object: {@code {"parameters":{<key>: value|null}, "responseCase": <id>|null, "draft": <text>|null}},
 * bound by a JSON Schema where the endpoint supports it. Pure: no I/O.
 */
public final class SmartAgentPrompt {

    static final int MAX_INSTRUCTIONS = 10_000;
    static final int MAX_DRAFT = 20_000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SmartAgentPrompt() {
    }

    /** A malformed answer: not the JSON object asked for. The message says what was wrong, never what was said. */
    public static class MalformedAnswer extends RuntimeException {
        MalformedAnswer(String message) {
            super(message);
        }
    }

    public static List<ChatMessage> messages(String name, String description, JsonNode settings, AgentDefinition agent,
            JsonNode ticket, int maxTicketChars) {
        StringBuilder system = new StringBuilder();
        system.append("You are the AI agent \"").append(name == null ? "" : name).append("\" of a customer service team");
        if (description != null && !description.isBlank()) {
            system.append(". Its purpose: ").append(description.strip());
        }
        system.append(".\nRead the customer's ticket and answer with one JSON object and nothing else:\n")
                .append("{\"parameters\": {<parameter key>: <value or null>, ...}, \"responseCase\": <id of the response case "
                        + "that fits best, or null>, \"draft\": <a short reply to the customer in the ticket's language, or null>}.\n")
                .append("Take values only from the ticket; use null for anything the ticket does not say. Numbers as JSON "
                        + "numbers, dates as YYYY-MM-DD, booleans as true or false, lists as JSON arrays.\n");
        String instructions = settings.path("llm").path("instructions").asText("");
        if (!instructions.isBlank()) {
            system.append("Instructions for this agent:\n").append(cut(instructions.strip(), MAX_INSTRUCTIONS)).append('\n');
        }

        StringBuilder user = new StringBuilder("Parameters:\n");
        Map<String, String> descriptions = descriptions(settings.path("parameters"), "key");
        for (ParameterDef p : agent.parameters()) {
            user.append("- ").append(p.key()).append(" (").append(p.type().wireName())
                    .append(p.required() ? ", required" : "").append("): ").append(p.name());
            String d = descriptions.get(p.key());
            if (d != null) user.append(" - ").append(d);
            user.append('\n');
        }
        if (agent.parameters().isEmpty()) user.append("(none)\n");
        user.append("Response cases:\n");
        for (ResponseCase c : agent.responseCases()) {
            if (c.id() == null) continue;
            user.append("- ").append(c.id());
            if (c.description() != null) user.append(": ").append(c.description());
            user.append('\n');
        }
        user.append("\nTicket:\n").append(ticketText(ticket, maxTicketChars));
        return List.of(SystemMessage.from(system.toString()), UserMessage.from(user.toString()));
    }

    /** The answer's JSON Schema (strict: every property required, nullable where a value may be absent). */
    public static ResponseFormat format(AgentDefinition agent, boolean jsonSchema) {
        if (!jsonSchema) {
            return ResponseFormat.JSON;
        }
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        List<String> keys = new ArrayList<>();
        for (ParameterDef p : agent.parameters()) {
            JsonSchemaElement type = switch (p.type()) {
                case number -> new JsonNumberSchema();
                case bool -> new JsonBooleanSchema();
                case date -> JsonStringSchema.builder().description("YYYY-MM-DD").build();
                case string -> new JsonStringSchema();
                case list -> JsonArraySchema.builder().items(JsonAnyOfSchema.builder()
                        .anyOf(new JsonStringSchema(), new JsonNumberSchema(), new JsonBooleanSchema()).build()).build();
                // a strict schema cannot leave an object's fields open: the object comes as its JSON text
                case object -> JsonStringSchema.builder().description("a JSON object as text").build();
            };
            parameters.addProperty(p.key(), nullable(type, p.name()));
            keys.add(p.key());
        }
        parameters.required(keys).additionalProperties(false);
        List<String> ids = agent.responseCases().stream().filter(c -> c.id() != null).map(c -> String.valueOf(c.id()))
                .distinct().toList();
        JsonSchemaElement responseCase = ids.isEmpty() ? new JsonNullSchema()
                : nullable(JsonEnumSchema.builder().enumValues(ids).build(), "the id of the best fitting response case");
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("parameters", parameters.build())
                .addProperty("responseCase", responseCase)
                .addProperty("draft", nullable(new JsonStringSchema(), "a reply draft"))
                .required("parameters", "responseCase", "draft")
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("agent_answer").rootElement(root).build()).build();
    }

    private static JsonSchemaElement nullable(JsonSchemaElement type, String description) {
        return JsonAnyOfSchema.builder().description(description).anyOf(type, new JsonNullSchema()).build();
    }

    /**
     * Reads the LLM's answer. Tolerates a Markdown code fence around the JSON; anything else that is not
     * the asked-for object is a {@link MalformedAnswer}.
     */
    public static LlmSuggestion parse(String answer) {
        if (answer == null || answer.isBlank()) {
            throw new MalformedAnswer("the LLM answered with no text");
        }
        String text = answer.strip();
        if (text.startsWith("```")) {
            int start = text.indexOf('\n');
            int end = text.lastIndexOf("```");
            text = start > 0 && end > start ? text.substring(start + 1, end).strip() : text;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedAnswer("the LLM's answer is not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedAnswer("the LLM's answer is not a JSON object");
        }
        JsonNode parameters = root.get("parameters");
        if (parameters == null || !parameters.isObject()) {
            throw new MalformedAnswer("the LLM's answer has no \"parameters\" object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                values.put(e.getKey(), v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText());
            } else if (v.isContainerNode()) {
                // a list parameter's array (or an object; each converted to the parameter's type by the engine)
                values.put(e.getKey(), JSON.convertValue(v, Object.class));
            }
        });
        JsonNode responseCase = root.get("responseCase");
        if (responseCase != null && !responseCase.isNull() && !responseCase.isTextual() && !responseCase.isNumber()) {
            throw new MalformedAnswer("the LLM's \"responseCase\" is neither an id nor null");
        }
        JsonNode draft = root.get("draft");
        if (draft != null && !draft.isNull() && !draft.isTextual()) {
            throw new MalformedAnswer("the LLM's \"draft\" is neither a text nor null");
        }
        return new LlmSuggestion(values, responseCase == null || responseCase.isNull() ? null : responseCase.asText(),
                draft == null || draft.isNull() ? null : cut(draft.asText(), MAX_DRAFT));
    }

    private static Map<String, String> descriptions(JsonNode list, String keyField) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : list) {
            String d = p.path("description").asText("");
            if (!d.isBlank()) out.put(p.path(keyField).asText(), cut(d.strip(), 500));
        }
        return out;
    }

    /** Subject, body and later messages, most recent last, cut to the bound as a whole. */
    static String ticketText(JsonNode ticket, int max) {
        StringBuilder t = new StringBuilder();
        t.append("Subject: ").append(ticket.path("subject").asText("")).append('\n');
        t.append(ticket.path("body").asText("")).append('\n');
        for (JsonNode m : ticket.path("messages")) {
            String body = m.path("body").asText("");
            if (!body.isBlank()) t.append("---\n").append(body).append('\n');
        }
        return cut(t.toString(), Math.max(max, 100));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
