package mind.settings.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The deterministic part of a tag's detection rules, tested against a ticket's fields ({@code data}): no
 * database, no LLM. What cannot be evaluated is said in an alert, and then the tag does not match, so a
 * test never claims a match it did not check.
 *
 * <p>Rules read from {@code detectionDetails} (all optional; see the OpenAPI description of
 * {@code POST /tag/{id}/detect}): {@code method} ({@code condition}, {@code ai}, {@code aiAndCondition}),
 * {@code keywords} (any of them in subject or body), {@code conditions} ({@code [{field, comparator,
 * value|values}]}) combined by {@code conditionLogic} ({@code and}, the default, or {@code or}); and the tag's
 * {@code channels} and {@code subchannels} restrictions.
 */
public final class TagDetection {

    /** Keys of detectionDetails that configure the AI (LLM) part of a detection. */
    static final Set<String> AI_KEYS = Set.of("ai", "aiDetection", "prompt", "examples", "trainingData");

    /** Ticket text the keywords are looked for in. */
    static final List<String> TEXT_FIELDS = List.of("subject", "body", "bodyPlain", "bodyClean");

    public static final List<String> COMPARATORS = List.of("=", "!=", ">", "<", ">=", "<=", "in", "not in", "contains",
            "not contains", "startsWith", "endsWith", "exists", "not exists");

    /** One rule's outcome: matched true or false, or null when it could not be evaluated. */
    public record Rule(String rule, Boolean matched, String detail) {
    }

    /** The outcome of a test. */
    public record Outcome(boolean match, List<String> alerts, List<Rule> rules) {
    }

    private TagDetection() {
    }

    /**
     * Tests the rules against the ticket's fields.
     *
     * @param detection the tag's detectionDetails (an object, possibly empty)
     * @param channels the tag's channel restriction (empty: any channel)
     * @param subchannels the tag's subchannel restriction (empty: any subchannel)
     * @param data the ticket's fields, or null when none were given
     */
    public static Outcome test(JsonNode detection, List<String> channels, List<Long> subchannels, JsonNode data) {
        List<String> alerts = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        if (data == null) {
            alerts.add("No ticket fields to test against: settings-svc does not read tickets; send the ticket's fields "
                    + "(subject, body, channel, subchannelId, from, ...; e.g. what GET /ticket/{id} answers) in data");
            return new Outcome(false, alerts, rules);
        }
        String method = detection.path("method").asText("");
        boolean aiConfigured = "ai".equals(method) || "aiAndCondition".equals(method)
                || AI_KEYS.stream().anyMatch(k -> detection.has(k) && !detection.get(k).isNull() && !isEmpty(detection.get(k)));
        if (!method.isEmpty() && !List.of("ai", "condition", "aiAndCondition").contains(method)) {
            alerts.add("detectionDetails.method " + method + " is unknown (condition, ai or aiAndCondition); the rules "
                    + "below were tested as conditions");
        }
        if (!channels.isEmpty()) {
            rules.add(restriction("channels", "channel", channels, data, alerts));
        }
        if (!subchannels.isEmpty()) {
            rules.add(restriction("subchannels", "subchannelId", subchannels.stream().map(String::valueOf).toList(), data, alerts));
        }
        JsonNode keywords = detection.path("keywords");
        if (keywords.isArray() && !keywords.isEmpty()) {
            rules.add(keywords(keywords, data, alerts));
        } else if (!keywords.isMissingNode() && !keywords.isNull() && !keywords.isArray()) {
            alerts.add("detectionDetails.keywords is not an array of texts; it was not tested");
            rules.add(new Rule("keywords", null, "not an array"));
        }
        JsonNode conditions = detection.path("conditions");
        if (conditions.isArray() && !conditions.isEmpty()) {
            rules.add(conditions(conditions, detection.path("conditionLogic").asText("and"), data, alerts));
        } else if (!conditions.isMissingNode() && !conditions.isNull() && !conditions.isArray()) {
            alerts.add("detectionDetails.conditions is not an array; it was not tested");
            rules.add(new Rule("conditions", null, "not an array"));
        }
        if (aiConfigured) {
            alerts.add("The AI detection of this tag was not evaluated: it needs a language model, which Mind does not "
                    + "run for tags; only the deterministic rules were tested, and the tag does not match without it");
            rules.add(new Rule("ai", null, "not evaluated (needs a language model)"));
        }
        boolean anyDeterministic = rules.stream().anyMatch(r -> !"ai".equals(r.rule()) && !isRestriction(r));
        if (rules.isEmpty() || (!anyDeterministic && !aiConfigured)) {
            alerts.add("The tag has no detection rules that can be tested (keywords or conditions in detectionDetails)");
            return new Outcome(false, alerts, rules);
        }
        boolean match = rules.stream().allMatch(r -> Boolean.TRUE.equals(r.matched()));
        return new Outcome(match, alerts, rules);
    }

    private static boolean isRestriction(Rule r) {
        return "channels".equals(r.rule()) || "subchannels".equals(r.rule());
    }

    private static Rule restriction(String rule, String field, List<String> allowed, JsonNode data, List<String> alerts) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            alerts.add("The tag is limited to " + rule + " " + allowed + " but data has no " + field);
            return new Rule(rule, null, "data has no " + field);
        }
        boolean in = allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value.asText()));
        return new Rule(rule, in, field + " " + value.asText() + (in ? " is" : " is not") + " one of " + allowed);
    }

    private static Rule keywords(JsonNode keywords, JsonNode data, List<String> alerts) {
        StringBuilder text = new StringBuilder();
        for (String field : TEXT_FIELDS) {
            JsonNode value = data.get(field);
            if (value != null && value.isTextual()) {
                text.append(value.textValue().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        if (text.isEmpty()) {
            alerts.add("The keywords could not be tested: data has none of " + TEXT_FIELDS + " as text");
            return new Rule("keywords", null, "data has no text");
        }
        List<String> found = new ArrayList<>();
        for (JsonNode keyword : keywords) {
            if (keyword.isTextual() && !keyword.textValue().isBlank()
                    && text.indexOf(keyword.textValue().strip().toLowerCase(Locale.ROOT)) >= 0) {
                found.add(keyword.textValue().strip());
            }
        }
        return new Rule("keywords", !found.isEmpty(), found.isEmpty() ? "none of the keywords is in the text"
                : "found " + found);
    }

    private static Rule conditions(JsonNode conditions, String logic, JsonNode data, List<String> alerts) {
        boolean any = "or".equalsIgnoreCase(logic);
        if (!any && !"and".equalsIgnoreCase(logic)) {
            alerts.add("detectionDetails.conditionLogic " + logic + " is unknown (and, or); the conditions were combined with and");
        }
        List<String> details = new ArrayList<>();
        boolean unknown = false;
        boolean result = !any;
        int index = 0;
        for (JsonNode condition : conditions) {
            Boolean one = condition(condition, "conditions[" + index++ + "]", data, alerts, details);
            if (one == null) {
                unknown = true;
            } else if (any) {
                result |= one;
            } else {
                result &= one;
            }
        }
        // "or" with one true condition holds whatever the unknown ones are; "and" with one false one fails
        Boolean matched = unknown && (any ? !result : result) ? null : result;
        return new Rule("conditions", matched, String.join("; ", details));
    }

    private static Boolean condition(JsonNode condition, String at, JsonNode data, List<String> alerts, List<String> details) {
        String field = condition.path("field").asText(condition.path("key").asText(""));
        String comparator = condition.path("comparator").asText(condition.path("operator").asText("="));
        if (field.isBlank()) {
            alerts.add(at + " names no field; it was not tested");
            details.add(at + ": no field");
            return null;
        }
        if (!COMPARATORS.contains(comparator)) {
            alerts.add(at + " has the unknown comparator " + comparator + " (one of " + COMPARATORS + "); it was not tested");
            details.add(at + ": unknown comparator");
            return null;
        }
        JsonNode actual = at(data, field);
        if (comparator.equals("exists") || comparator.equals("not exists")) {
            boolean exists = actual != null && !actual.isNull();
            details.add(field + (exists ? " exists" : " does not exist"));
            return comparator.equals("exists") == exists;
        }
        if (actual == null || actual.isNull()) {
            alerts.add(at + " could not be tested: data has no value at " + field);
            details.add(field + ": no value");
            return null;
        }
        JsonNode expected = condition.has("values") ? condition.get("values") : condition.get("value");
        if (expected == null || expected.isNull()
                || ((comparator.equals("in") || comparator.equals("not in")) && !expected.isArray())) {
            alerts.add(at + " has no " + (comparator.endsWith("in") ? "values array" : "value") + "; it was not tested");
            details.add(at + ": no value to compare with");
            return null;
        }
        Boolean outcome = compare(actual, comparator, expected);
        if (outcome == null) {
            alerts.add(at + " could not be tested: " + field + " and the value cannot be compared with " + comparator);
            details.add(field + ": not comparable");
            return null;
        }
        details.add(field + " " + comparator + " " + expected + ": " + outcome);
        return outcome;
    }

    private static Boolean compare(JsonNode actual, String comparator, JsonNode expected) {
        return switch (comparator) {
            case "=" -> anyEqual(actual, expected);
            case "!=" -> !anyEqual(actual, expected);
            case "in" -> anyIn(actual, expected);
            case "not in" -> !anyIn(actual, expected);
            case "contains" -> contains(actual, expected);
            case "not contains" -> !contains(actual, expected);
            case "startsWith" -> actual.isValueNode() && lower(actual).startsWith(lower(expected));
            case "endsWith" -> actual.isValueNode() && lower(actual).endsWith(lower(expected));
            default -> order(actual, comparator, expected);
        };
    }

    /** An array field equals a value when one of its elements does (as ticket tag sets do). */
    private static boolean anyEqual(JsonNode actual, JsonNode expected) {
        if (actual.isArray()) {
            for (JsonNode element : actual) {
                if (same(element, expected)) {
                    return true;
                }
            }
            return false;
        }
        return same(actual, expected);
    }

    private static boolean anyIn(JsonNode actual, JsonNode values) {
        for (JsonNode value : values) {
            if (anyEqual(actual, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode actual, JsonNode expected) {
        return actual.isArray() ? anyEqual(actual, expected) : lower(actual).contains(lower(expected));
    }

    private static boolean same(JsonNode a, JsonNode b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        return a.isValueNode() && b.isValueNode() && lower(a).equals(lower(b));
    }

    /** Numbers numerically; otherwise texts in their order (which orders "YYYY-MM-DD HH:mm:ss" dates too). */
    private static Boolean order(JsonNode actual, String comparator, JsonNode expected) {
        int c;
        BigDecimal x = number(actual);
        BigDecimal y = number(expected);
        if (x != null && y != null) {
            c = x.compareTo(y);
        } else if (actual.isTextual() && expected.isTextual()) {
            c = actual.textValue().compareTo(expected.textValue());
        } else {
            return null;
        }
        return switch (comparator) {
            case ">" -> c > 0;
            case "<" -> c < 0;
            case ">=" -> c >= 0;
            default -> c <= 0;
        };
    }

    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual() && node.textValue().matches("-?\\d{1,30}(\\.\\d{1,30})?")) {
            return new BigDecimal(node.textValue());
        }
        return null;
    }

    private static String lower(JsonNode node) {
        return node.asText("").toLowerCase(Locale.ROOT);
    }

    private static boolean isEmpty(JsonNode node) {
        return (node.isContainerNode() && node.isEmpty()) || (node.isTextual() && node.textValue().isBlank())
                || (node.isBoolean() && !node.booleanValue());
    }

    /** The value at a dotted path ({@code customer.email}, {@code tags[0].name}); null when there is none. */
    static JsonNode at(JsonNode data, String path) {
        JsonNode at = data;
        for (String part : path.split("\\.")) {
            if (at == null) {
                return null;
            }
            String name = part;
            List<Integer> indexes = new ArrayList<>();
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                name = part.substring(0, bracket);
                for (String index : part.substring(bracket).split("]")) {
                    String digits = index.replace("[", "");
                    if (!digits.matches("\\d{1,9}")) {
                        return null;
                    }
                    indexes.add(Integer.parseInt(digits));
                }
            }
            if (!name.isEmpty()) {
                at = at.get(name);
            }
            for (int index : indexes) {
                at = at == null ? null : at.get(index);
            }
        }
        return at;
    }
}
