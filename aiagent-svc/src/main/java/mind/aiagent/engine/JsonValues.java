package mind.aiagent.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.aiagent.engine.ParameterDef.ParamType;

/** Moving values between Jackson, CEL (Long, Double, String, Boolean, List, Map) and Qute. */
final class JsonValues {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("d.M.uuuu");

    private JsonValues() {
    }

    /** An object node as a CEL map; anything else as an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toCel(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return (Map<String, Object>) cel(node);
    }

    static Object cel(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isIntegralNumber()) return node.asLong();
        if (node.isNumber()) return node.asDouble();
        if (node.isBoolean()) return node.asBoolean();
        if (node.isTextual()) return node.asText();
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> {
                Object v = cel(n);
                if (v != null) list.add(v);
            });
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            Object v = cel(e.getValue());
            // CEL maps have no null values worth testing; has(ticket.x) reads absence instead
            if (v != null) map.put(e.getKey(), v);
        });
        return map;
    }

    static Map<String, Object> normalize(Map<String, Object> given) {
        return toCel(MAPPER.valueToTree(given == null ? Map.of() : given));
    }

    /** The value at a dotted path ({@code customer.email}, {@code items.0.id}) as a plain Java value, or null. */
    static Object at(JsonNode root, String dotted) {
        if (root == null || dotted == null) return null;
        JsonNode node = root;
        for (String part : dotted.split("\\.")) {
            node = node.isArray() && part.matches("\\d{1,6}") ? node.path(Integer.parseInt(part)) : node.path(part);
            if (node.isMissingNode() || node.isNull()) return null;
        }
        if (node.isContainerNode()) return cel(node);
        return cel(node);
    }

    /** A raw value as the parameter's type; null when it cannot be read as one. */
    static Object convert(Object raw, ParamType type) {
        if (raw == null) return null;
        String s = raw instanceof String str ? str.strip() : null;
        if (s != null && s.isEmpty()) return null;
        return switch (type) {
            case string -> s != null ? s : raw instanceof Map || raw instanceof List ? null : String.valueOf(raw);
            case number -> number(raw, s);
            case bool -> raw instanceof Boolean b ? b : s == null ? null : switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "ja", "1" -> Boolean.TRUE;
                case "false", "no", "nein", "0" -> Boolean.FALSE;
                default -> null;
            };
            case date -> date(s);
            case list -> list(raw, s);
            case object -> object(raw, s);
        };
    }

    /**
     * A list: a JSON array (or a text holding one) with its items as CEL values, a single value as a list of one;
     * at most {@link AgentEngine#MAX_LIST_ITEMS} items; an empty list is no value.
     */
    private static List<Object> list(Object raw, String s) {
        Object value = s != null && s.startsWith("[") ? parsed(s) : celValue(raw);
        if (value == null || value instanceof Map) return null;
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        if (items.isEmpty()) return null;
        return List.copyOf(items.size() > AgentEngine.MAX_LIST_ITEMS ? items.subList(0, AgentEngine.MAX_LIST_ITEMS) : items);
    }

    /** An object: a JSON object (or a text holding one) as a CEL map; an empty object is no value. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object raw, String s) {
        Object value = s != null && s.startsWith("{") ? parsed(s) : celValue(raw);
        return value instanceof Map<?, ?> m && !m.isEmpty() ? (Map<String, Object>) m : null;
    }

    private static Object celValue(Object raw) {
        return cel(MAPPER.valueToTree(raw));
    }

    private static Object parsed(String json) {
        try {
            return cel(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Double number(Object raw, String s) {
        if (raw instanceof Number n) return n.doubleValue();
        if (s == null) return null;
        // German readings write 1.234,5; plain 1234.5 and 1234,5 are read too
        String t = s.replace(" ", "");
        if (t.matches("\\d{1,3}(\\.\\d{3})+(,\\d+)?")) t = t.replace(".", "").replace(',', '.');
        else if (t.matches("\\d+,\\d+")) t = t.replace(',', '.');
        try {
            return new BigDecimal(t).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String date(String s) {
        if (s == null) return null;
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s, GERMAN_DATE).toString();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** For texts: 1234.0 reads as 1234. */
    @SuppressWarnings("unchecked")
    static Object forText(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, forText(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonValues::forText).toList();
        }
        return value;
    }
}
