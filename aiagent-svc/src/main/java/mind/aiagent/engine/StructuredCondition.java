package mind.aiagent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.engine.ParameterDef.ParamType;
import mind.common.error.ApiException;

/**
 * enneo's structured response-case conditions, read as CEL so that they are type-checked and run like
 * any other condition. The shape clients send (the agent JSON of enneo's own tools):
 *
 * <pre>{"operator":"And","operands":[{"id":1,"operand":1698862629088,"operator":"Equal","value":"need_confirmation"}]}</pre>
 *
 * {@code operand} names a parameter by its {@code id} (or by its key); a nested
 * {@code {operator, operands}} groups. Comparisons: {@code Equal} (typed: text, number or boolean as
 * the parameter is), {@code Like} (SQL's wildcards {@code %} and {@code _}, whole value, case-insensitive),
 * {@code IsNull} and {@code IsNotNull} (the parameter has no value). Groups: {@code And}, {@code Or};
 * an empty group holds. Values never become CEL text unescaped: each is written as a literal with every
 * character outside {@code [A-Za-z0-9 ]} escaped.
 */
final class StructuredCondition {

    static final int MAX_DEPTH = 8;

    private StructuredCondition() {
    }

    /**
     * @param node the condition object
     * @param path where it is, for messages ({@code settings.responseCases[0].condition})
     * @param refs every parameter by its id and by its key
     */
    static String toCel(JsonNode node, String path, Map<String, ParameterDef> refs) {
        return group(node, path, refs, 0);
    }

    private static String group(JsonNode node, String path, Map<String, ParameterDef> refs, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.invalidField(path, "nests groups deeper than " + MAX_DEPTH);
        }
        String op = text(node, "operator");
        String join = switch (op == null ? "and" : op.toLowerCase(Locale.ROOT)) {
            case "and" -> " && ";
            case "or" -> " || ";
            default -> throw ApiException.invalidField(path + ".operator", "must be And or Or");
        };
        JsonNode operands = node.get("operands");
        if (operands == null || operands.isNull() || operands.isEmpty()) {
            if (operands != null && !operands.isNull() && !operands.isArray()) {
                throw ApiException.invalidField(path + ".operands", "must be an array");
            }
            return "true";
        }
        if (!operands.isArray()) {
            throw ApiException.invalidField(path + ".operands", "must be an array");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            JsonNode o = operands.get(i);
            String at = path + ".operands[" + i + "]";
            if (!o.isObject()) {
                throw ApiException.invalidField(at, "must be an object");
            }
            parts.add(o.has("operands") ? group(o, at, refs, depth + 1) : comparison(o, at, refs));
        }
        return "(" + String.join(join, parts) + ")";
    }

    private static String comparison(JsonNode o, String path, Map<String, ParameterDef> refs) {
        JsonNode operand = o.get("operand");
        ParameterDef p = operand == null || operand.isNull() || operand.isContainerNode() ? null
                : refs.get(operand.asText());
        if (p == null) {
            throw ApiException.invalidField(path + ".operand", "must name a parameter of settings.parameters by its id "
                    + "or key");
        }
        String op = text(o, "operator");
        String key = p.key();
        switch (op == null ? "" : op.toLowerCase(Locale.ROOT)) {
            case "isnull":
                return "('" + key + "' in missing)";
            case "isnotnull":
                return "!('" + key + "' in missing)";
            case "equal":
                if (p.type() == ParamType.list) {
                    return "(!('" + key + "' in missing) && " + anyItem(key, "== " + itemLiteral(o.get("value"), path)) + ")";
                }
                refuseObject(p, path);
                return "(!('" + key + "' in missing) && " + key + " == " + typedLiteral(p, o.get("value"), path) + ")";
            case "like":
                if (p.type() == ParamType.list) {
                    return "(!('" + key + "' in missing) && " + anyItem(key, ".matches(" + literal(likePattern(o.get("value"),
                            path)) + ")") + ")";
                }
                refuseObject(p, path);
                return "(!('" + key + "' in missing) && " + asText(p) + ".matches(" + literal(likePattern(o.get("value"),
                        path)) + "))";
            default:
                throw ApiException.invalidField(path + ".operator", "must be one of Equal, Like, IsNull, IsNotNull");
        }
    }

    private static String asText(ParameterDef p) {
        return switch (p.type()) {
            case string, date -> p.key();
            case number, bool, list, object -> "string(" + p.key() + ")";
        };
    }

    /** Whether an item of a list, read as text (items that are lists or objects never match), passes the test. */
    private static String anyItem(String key, String test) {
        return key + ".exists(e, type(e) != list && type(e) != map && string(e)" + test + ")";
    }

    private static String itemLiteral(JsonNode value, String path) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw ApiException.invalidField(path + ".value", "is required for Equal (a text, number or boolean an item "
                    + "of the list must equal)");
        }
        return literal(value.asText());
    }

    private static void refuseObject(ParameterDef p, String path) {
        if (p.type() == ParamType.object) {
            throw ApiException.invalidField(path + ".operator", "parameter '" + p.key() + "' is an object: only IsNull and "
                    + "IsNotNull apply (compare its fields in a CEL condition, e.g. " + p.key() + ".plan == 'basic')");
        }
    }

    private static String typedLiteral(ParameterDef p, JsonNode value, String path) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw ApiException.invalidField(path + ".value", "is required for Equal (a text, number or boolean)");
        }
        String v = value.asText();
        return switch (p.type()) {
            case string, date -> literal(v);
            case number -> {
                try {
                    double d = Double.parseDouble(v.strip());
                    if (!Double.isFinite(d)) throw new NumberFormatException();
                    yield Double.toString(d);
                } catch (NumberFormatException e) {
                    throw ApiException.invalidField(path + ".value", "must be a number: parameter '" + p.key()
                            + "' is a number");
                }
            }
            case bool -> switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1" -> "true";
                case "false", "0" -> "false";
                default -> throw ApiException.invalidField(path + ".value", "must be true or false: parameter '"
                        + p.key() + "' is a boolean");
            };
            case list, object -> throw new IllegalStateException("lists and objects are compared item by item or not at all");
        };
    }

    /** SQL LIKE as an RE2 pattern over the whole value: % any run, _ one character, the rest literal. */
    static String likePattern(JsonNode value, String path) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw ApiException.invalidField(path + ".value", "is required for Like (a text with % and _ as wildcards)");
        }
        String v = value.asText();
        StringBuilder re = new StringBuilder("(?is)^");
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' || c == '_') {
                if (!run.isEmpty()) {
                    re.append(com.google.re2j.Pattern.quote(run.toString()));
                    run.setLength(0);
                }
                re.append(c == '%' ? ".*" : ".");
            } else {
                run.append(c);
            }
        }
        if (!run.isEmpty()) {
            re.append(com.google.re2j.Pattern.quote(run.toString()));
        }
        return re.append('$').toString();
    }

    /** A CEL string literal holding exactly {@code s}. */
    static String literal(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ') {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.append('"').toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
