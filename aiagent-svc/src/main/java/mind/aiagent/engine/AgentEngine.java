package mind.aiagent.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import mind.aiagent.engine.ParameterDef.ParamType;
import mind.aiagent.engine.ParameterDef.Source;
import mind.common.error.ApiException;

/**
 * The rule-based agent engine. Pure: {@link #run} reads only its arguments and makes no call, so a
 * preview, a dry run and a real run decide identically and the decision is testable without a server.
 * Conditions are CEL (cel-java): compiled and type-checked against the agent's declared parameters by
 * {@link #define}, which create and PATCH call, so an agent with a broken condition is never stored.
 * Texts are Qute templates, parsed at the same time.
 */
@jakarta.inject.Singleton
public class AgentEngine {

    static final int MAX_CONDITION = 2_000;
    static final int MAX_TEXT = 20_000;
    static final int MAX_PATTERN = 500;
    static final int MAX_PARAMETERS = 100;
    static final int MAX_CASES = 100;
    /** Longest text a pattern is run over; tickets are bounded anyway, this keeps the run's cost bounded. */
    static final int MAX_SCANNED = 100_000;
    /** Items a list parameter keeps (from a pattern, a ticket field or a given value). */
    static final int MAX_LIST_ITEMS = 100;
    static final Set<String> RESERVED = Set.of("ticket", "given", "missing", "customer", "contract", "params", "llm",
            "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
            "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");
    static final Set<String> OUTPUT_TYPES = Set.of("reply", "internalNote", "none");
    /**
     * enneo's output types as this engine's: a template or an LLM text is a reply draft, an interaction
     * shows the agent's data to a person and sends nothing; the two closing types also close the ticket.
     */
    static final Map<String, String> ENNEO_OUTPUT_TYPES = Map.of("textTemplate", "reply", "llm", "reply",
            "textTemplateAndClose", "reply", "closeTicket", "none", "interaction", "none");
    static final Set<String> CLOSING_OUTPUT_TYPES = Set.of("textTemplateAndClose", "closeTicket");
    /**
     * enneo's parameter sources read as values given with the run: {@code message} (extracted from the
     * message: the LLM's values for a smart agent, else the caller's) and {@code manual} (set by a person).
     */
    static final Set<String> ENNEO_SOURCES = Set.of("message", "manual");
    static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** CEL options: numbers compare across int and double (10 > 2.5), loops are bounded. */
    static final CelOptions CEL_OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(1_000)
            .maxExpressionCodePointSize(MAX_CONDITION)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(CEL_OPTIONS).build();
    private static final MapType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private final Engine qute = Engine.builder().addDefaults().strictRendering(true).build();

    /**
     * Reads and checks {@code settings}: every problem is a 400 naming its place, e.g.
     * {@code settings.responseCases[1].condition}.
     */
    public AgentDefinition define(JsonNode settings) {
        JsonNode parameterList = settings == null ? null : settings.get("parameters");
        List<ParameterDef> parameters = parameters(parameterList);
        CelCompiler compiler = compiler(parameters);
        Map<String, ParameterDef> refs = new java.util.HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            refs.put(parameters.get(i).key(), parameters.get(i));
            JsonNode id = parameterList.get(i).get("id");
            if (id != null && id.isValueNode() && !id.isNull()) {
                refs.putIfAbsent(id.asText(), parameters.get(i));
            }
        }
        List<ResponseCase> cases = new ArrayList<>();
        JsonNode list = settings == null ? null : settings.get("responseCases");
        if (list != null && list.isArray()) {
            if (list.size() > MAX_CASES) {
                throw ApiException.invalidField("settings.responseCases", "at most " + MAX_CASES + " response cases");
            }
            for (int i = 0; i < list.size(); i++) {
                cases.add(responseCase(list.get(i), i, compiler, refs));
            }
        }
        return new AgentDefinition(parameters, cases);
    }

    /** Runs a defined agent on a ticket (the JSON of GET /ticket/{id}) with values given by the caller. */
    public Outcome run(JsonNode settings, JsonNode ticket, Map<String, Object> given) {
        return run(settings, ticket, given, LlmSuggestion.NONE);
    }

    /**
     * Runs a smart agent: as {@link #run(JsonNode, JsonNode, Map)}, with what its LLM proposed as advice
     * (see {@link LlmSuggestion}), so that conditions and texts decide as for any other agent.
     */
    public Outcome run(JsonNode settings, JsonNode ticket, Map<String, Object> given, LlmSuggestion llm) {
        AgentDefinition agent;
        try {
            agent = define(settings);
        } catch (ApiException e) {
            return Outcome.failure("The agent is not valid: " + e.getMessage(), Map.of(), "invalid");
        }
        return run(agent, ticket == null ? JsonNodeFactory.instance.objectNode() : ticket, given == null ? Map.of() : given,
                llm == null ? LlmSuggestion.NONE : llm);
    }

    Outcome run(AgentDefinition agent, JsonNode ticket, Map<String, Object> given) {
        return run(agent, ticket, given, LlmSuggestion.NONE);
    }

    Outcome run(AgentDefinition agent, JsonNode ticket, Map<String, Object> given, LlmSuggestion llm) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> missingRequired = new ArrayList<>();
        for (ParameterDef p : agent.parameters()) {
            Object value = extract(p, ticket, given, llm);
            if (value == null) {
                missing.add(p.key());
                if (p.required()) {
                    missingRequired.add(p.key());
                }
            } else {
                data.put(p.key(), value);
            }
        }
        if (!missingRequired.isEmpty()) {
            List<String> names = agent.parameters().stream().filter(p -> missingRequired.contains(p.key()))
                    .map(ParameterDef::name).toList();
            String text = "To process your request we still need: " + String.join(", ", names) + ".";
            return new Outcome(true, null, data, Outcome.summary(data), "missingData", text, null,
                    List.copyOf(missingRequired), List.of());
        }

        Map<String, Object> vars = new LinkedHashMap<>();
        for (ParameterDef p : agent.parameters()) {
            vars.put(p.key(), data.containsKey(p.key()) ? data.get(p.key()) : zero(p.type()));
        }
        Map<String, Object> ticketMap = JsonValues.toCel(ticket);
        vars.put("ticket", ticketMap);
        vars.put("customer", JsonValues.toCel(ticket.path("customer")));
        vars.put("contract", JsonValues.toCel(ticket.path("contract")));
        vars.put("given", JsonValues.normalize(given));
        vars.put("missing", List.copyOf(missing));
        vars.put("llm", llm.asVariable());

        CelCompiler compiler = compiler(agent.parameters());
        for (ResponseCase c : order(agent.responseCases(), llm)) {
            boolean holds;
            try {
                holds = c.condition() == null || Boolean.TRUE.equals(
                        RUNTIME.createProgram(compiler.compile(c.condition()).getAst()).eval(vars));
            } catch (CelEvaluationException | CelValidationException e) {
                return Outcome.failure("settings.responseCases[" + c.index() + "].condition could not be evaluated: "
                        + firstLine(e.getMessage()), data, "error");
            }
            if (holds) {
                return outcome(c, data, missing, ticket, vars, llm);
            }
        }
        return Outcome.failure("No response case matches this ticket", data, "noMatch");
    }

    /** The cases in order, the one the LLM proposed (if any has that id) first. */
    private static List<ResponseCase> order(List<ResponseCase> cases, LlmSuggestion llm) {
        if (llm.responseCase() == null || llm.responseCase().isBlank()) {
            return cases;
        }
        List<ResponseCase> ordered = new ArrayList<>(cases.size());
        for (ResponseCase c : cases) {
            if (c.id() != null && String.valueOf(c.id()).equals(llm.responseCase())) {
                ordered.add(0, c);
            } else {
                ordered.add(c);
            }
        }
        return ordered;
    }

    private Outcome outcome(ResponseCase c, Map<String, Object> data, List<String> missing, JsonNode ticket,
            Map<String, Object> vars, LlmSuggestion llm) {
        String text = null;
        if ((c.text() == null || c.text().isBlank()) && llm.draft() != null && !llm.draft().isBlank()
                && ("reply".equals(c.outputType()) || "internalNote".equals(c.outputType()))) {
            // a smart agent's case without a text of its own sends what the LLM drafted
            text = llm.draft().strip();
        } else if (c.text() != null && !c.text().isBlank()) {
            Map<String, Object> model = new LinkedHashMap<>(vars);
            data.forEach((k, v) -> model.put(k, JsonValues.forText(v)));
            model.put("params", JsonValues.forText(data));
            try {
                text = qute.parse(c.text()).data(model).render();
            } catch (TemplateException e) {
                return Outcome.failure("settings.responseCases[" + c.index() + "].output.text could not be rendered: "
                        + firstLine(e.getMessage()), data, "error");
            }
        }
        return new Outcome(true, null, data, Outcome.summary(data), c.outputType(), text, c, List.copyOf(missing),
                calls(c, text, ticket, data));
    }

    /** The ticket-svc calls that applying the outcome makes, in order. */
    public static List<PlannedCall> calls(ResponseCase c, String text, JsonNode ticket, Map<String, Object> data) {
        List<PlannedCall> calls = new ArrayList<>();
        String base = "/api/mind/ticket/" + ticket.path("id").asText("{ticketId}");
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (c.ticketUpdate() != null && c.ticketUpdate().isObject() && !c.ticketUpdate().isEmpty()) {
            calls.add(new PlannedCall("PATCH", base, c.ticketUpdate().deepCopy()));
        }
        if (text != null && ("reply".equals(c.outputType()) || "internalNote".equals(c.outputType()))) {
            ObjectNode reply = json.objectNode();
            reply.putObject("content").put("message", text);
            reply.put("isDraft", true);
            if ("internalNote".equals(c.outputType())) {
                reply.put("private", true);
            }
            calls.add(new PlannedCall("POST", base + "/conversation/reply", reply));
        }
        ObjectNode event = json.objectNode().put("type", "aiAgentOutcome");
        ObjectNode eventData = event.putObject("data");
        eventData.put("responseCase", c.id() == null ? String.valueOf(c.index()) : String.valueOf(c.id()));
        eventData.set("parameters", JsonValues.MAPPER.valueToTree(data));
        calls.add(new PlannedCall("POST", base + "/events", event));
        return calls;
    }

    private Object extract(ParameterDef p, JsonNode ticket, Map<String, Object> given, LlmSuggestion llm) {
        Object raw = switch (p.source()) {
            case fixed -> null;
            case given -> JsonValues.at(JsonValues.MAPPER.valueToTree(given == null ? Map.of() : given), p.sourceKey());
            case ticket -> JsonValues.at(ticket, p.sourceKey());
            case customer -> JsonValues.at(ticket.path("customer"), p.sourceKey());
            case contract -> JsonValues.at(ticket.path("contract"), p.sourceKey());
            case pattern -> match(p, ticket);
        };
        // a value the caller gives under the parameter's key wins over what the ticket says
        if (p.source() != Source.given && given != null && given.get(p.key()) != null) {
            raw = given.get(p.key());
        }
        Object value = JsonValues.convert(raw, p.type());
        if (value == null && llm.parameters().get(p.key()) != null) {
            // what the agent's own source did not find, the LLM may have read from the ticket
            value = JsonValues.convert(llm.parameters().get(p.key()), p.type());
        }
        if (value == null && p.value() != null) {
            value = JsonValues.convert(p.value(), p.type());
        }
        return value;
    }

    /** The first match's value; for a list every distinct match's value in order (at most {@link #MAX_LIST_ITEMS}). */
    private static Object match(ParameterDef p, JsonNode ticket) {
        Pattern pattern = Pattern.compile(p.pattern());
        List<String> texts = new ArrayList<>();
        String in = p.in() == null ? "any" : p.in();
        if (!in.equals("body")) texts.add(ticket.path("subject").asText(""));
        if (!in.equals("subject")) {
            texts.add(ticket.path("body").asText(""));
            for (JsonNode m : ticket.path("messages")) {
                texts.add(m.path("body").asText(""));
            }
        }
        boolean all = p.type() == ParamType.list;
        Set<String> found = new java.util.LinkedHashSet<>();
        for (String text : texts) {
            String scanned = text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text;
            Matcher m = pattern.matcher(scanned);
            while (m.find()) {
                String value;
                try {
                    value = m.group("value");
                } catch (IllegalArgumentException e) {
                    value = null;
                }
                if (value == null) {
                    value = m.groupCount() >= 1 ? m.group(1) : m.group();
                }
                if (value != null && !value.isBlank()) {
                    if (!all) {
                        return value.strip();
                    }
                    found.add(value.strip());
                    if (found.size() == MAX_LIST_ITEMS) {
                        return List.copyOf(found);
                    }
                }
                if (m.end() == m.start() && m.end() >= scanned.length()) {
                    break;
                }
            }
        }
        return found.isEmpty() ? null : List.copyOf(found);
    }

    private static Object zero(ParamType type) {
        return switch (type) {
            case number -> 0.0;
            case bool -> false;
            case string, date -> "";
            case list -> List.of();
            case object -> Map.of();
        };
    }

    private List<ParameterDef> parameters(JsonNode list) {
        List<ParameterDef> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw ApiException.invalidField("settings.parameters", "must be an array");
        }
        if (list.size() > MAX_PARAMETERS) {
            throw ApiException.invalidField("settings.parameters", "at most " + MAX_PARAMETERS + " parameters");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "settings.parameters[" + i + "]";
            JsonNode p = list.get(i);
            if (!p.isObject()) {
                throw ApiException.invalidField(path, "must be an object");
            }
            String key = text(p, "key");
            if (key == null || !KEY.matcher(key).matches() || RESERVED.contains(key)) {
                throw ApiException.invalidField(path + ".key", "must be an identifier (letters, digits, _; not starting "
                        + "with a digit; at most 64) and none of " + RESERVED.stream().sorted().limit(6).toList() + "...");
            }
            if (!keys.add(key)) {
                throw ApiException.invalidField(path + ".key", "'" + key + "' is used by another parameter");
            }
            ParamType type = ParamType.parse(text(p, "type"));
            if (type == null) {
                throw ApiException.invalidField(path + ".type", "must be one of string, number, boolean, date, list, object (or "
                        + "enneo's str, int, float, bool, enum, array, dict)");
            }
            String sourceText = text(p, "source");
            Source source;
            try {
                source = sourceText == null ? (p.hasNonNull("pattern") ? Source.pattern : Source.given)
                        : ENNEO_SOURCES.contains(sourceText) ? Source.given : Source.valueOf(sourceText);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField(path + ".source", "must be one of ticket, pattern, contract, customer, "
                        + "given, fixed (or enneo's message, manual)");
            }
            String pattern = text(p, "pattern");
            if (source == Source.pattern) {
                if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_PATTERN) {
                    throw ApiException.invalidField(path + ".pattern", "is required for source pattern (at most "
                            + MAX_PATTERN + " characters)");
                }
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw ApiException.invalidField(path + ".pattern", "is not a valid regular expression: "
                            + firstLine(e.getMessage()));
                }
            }
            if (source == Source.pattern && type == ParamType.object) {
                throw ApiException.invalidField(path + ".type", "object cannot come from a pattern (a pattern finds texts; "
                        + "type list takes every match)");
            }
            String in = text(p, "in");
            if (in != null && !Set.of("subject", "body", "any").contains(in)) {
                throw ApiException.invalidField(path + ".in", "must be one of subject, body, any");
            }
            String sourceKey = text(p, "sourceKey");
            if (sourceKey != null && sourceKey.length() > 200) {
                throw ApiException.invalidField(path + ".sourceKey", "must be at most 200 characters");
            }
            Object value = p.hasNonNull("value") ? JsonValues.MAPPER.convertValue(p.get("value"), Object.class) : null;
            if ("manual".equals(sourceText) && "null".equals(value)) {
                value = null; // enneo writes an unset manual value (its _action parameter) as the text "null"
            }
            if (source == Source.fixed && value == null) {
                throw ApiException.invalidField(path + ".value", "is required for source fixed");
            }
            String name = text(p, "name");
            out.add(new ParameterDef(key, name == null ? key : name, type, source, sourceKey == null ? key : sourceKey,
                    pattern, in, p.path("required").asBoolean(false), value));
        }
        return out;
    }

    private ResponseCase responseCase(JsonNode c, int i, CelCompiler compiler, Map<String, ParameterDef> refs) {
        String path = "settings.responseCases[" + i + "]";
        if (!c.isObject()) {
            throw ApiException.invalidField(path, "must be an object");
        }
        JsonNode conditionNode = c.get("condition");
        String condition = null;
        if (conditionNode != null && !conditionNode.isNull()) {
            if (conditionNode.isObject()) {
                condition = StructuredCondition.toCel(conditionNode, path + ".condition", refs);
            } else if (conditionNode.isTextual()) {
                condition = conditionNode.asText().isBlank() ? null : conditionNode.asText();
            } else {
                throw ApiException.invalidField(path + ".condition", "must be a CEL expression (a string), e.g. "
                        + "\"reading > 0 && meterNumber != ''\", or an object {operator, operands}");
            }
        }
        if (condition != null) {
            if (condition.length() > MAX_CONDITION) {
                throw ApiException.invalidField(path + ".condition", "must be at most " + MAX_CONDITION + " characters");
            }
            CelValidationResult result = compiler.compile(condition);
            if (result.hasError()) {
                throw ApiException.invalidField(path + ".condition", "is not a valid CEL condition: "
                        + result.getErrorString().replace('\n', ' '));
            }
        }
        JsonNode output = c.path("output");
        String text = output.hasNonNull("text") ? output.get("text").asText() : null;
        if (text != null) {
            if (text.length() > MAX_TEXT) {
                throw ApiException.invalidField(path + ".output.text", "must be at most " + MAX_TEXT + " characters");
            }
            try {
                Template parsed = qute.parse(text);
                parsed.getExpressions();
            } catch (TemplateException e) {
                throw ApiException.invalidField(path + ".output.text", "is not a valid Qute template: "
                        + firstLine(e.getMessage()));
            }
        }
        String type = output.hasNonNull("type") ? output.get("type").asText() : (text == null ? "none" : "reply");
        boolean closes = CLOSING_OUTPUT_TYPES.contains(type);
        type = ENNEO_OUTPUT_TYPES.getOrDefault(type, type);
        if (!OUTPUT_TYPES.contains(type)) {
            throw ApiException.invalidField(path + ".output.type", "must be one of reply, internalNote, none (or enneo's "
                    + "textTemplate, llm, textTemplateAndClose, closeTicket, interaction)");
        }
        JsonNode ticketUpdate = output.get("ticketUpdate");
        if (ticketUpdate != null && !ticketUpdate.isNull() && !ticketUpdate.isObject()) {
            throw ApiException.invalidField(path + ".output.ticketUpdate", "must be an object of ticket fields");
        }
        if (closes) {
            ObjectNode update = ticketUpdate == null || ticketUpdate.isNull() ? JsonNodeFactory.instance.objectNode()
                    : ((ObjectNode) ticketUpdate).deepCopy();
            update.put("status", "closed");
            ticketUpdate = update;
        }
        Object id = c.hasNonNull("id") ? JsonValues.MAPPER.convertValue(c.get("id"), Object.class) : null;
        return new ResponseCase(id, i, condition, type, text, ticketUpdate == null || ticketUpdate.isNull() ? null : ticketUpdate,
                c.path("autoExecute").asBoolean(false), text(c, "description"));
    }

    /** A compiler that knows the agent's parameters with their types, so conditions are type-checked. */
    static CelCompiler compiler(List<ParameterDef> parameters) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(CEL_OPTIONS)
                .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL)
                .addVar("ticket", DYN_MAP)
                .addVar("customer", DYN_MAP)
                .addVar("contract", DYN_MAP)
                .addVar("given", DYN_MAP)
                .addVar("missing", ListType.create(SimpleType.STRING))
                .addVar("llm", DYN_MAP);
        for (ParameterDef p : parameters) {
            builder.addVar(p.key(), celType(p.type()));
        }
        return builder.build();
    }

    private static CelType celType(ParamType type) {
        return switch (type) {
            case number -> SimpleType.DOUBLE;
            case bool -> SimpleType.BOOL;
            case string, date -> SimpleType.STRING;
            case list -> ListType.create(SimpleType.DYN);
            case object -> DYN_MAP;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
