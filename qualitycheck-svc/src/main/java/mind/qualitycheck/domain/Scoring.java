package mind.qualitycheck.domain;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compares an expected TestResult with an actual one. Only the fields the expected result names are
 * checked (an expectation of {@code {"sentiment":"angry"}} says nothing about tags). Sets
 * ({@code intentDetection}, {@code tags}) compare as sets; per-agent maps compare per agent named in
 * the expectation, their lists as sets; scalars compare by their text ({@code 715382} equals
 * {@code "715382"}); a missing value equals {@code null}.
 */
public final class Scoring {

    private static final Set<String> SETS = Set.of("intentDetection", "tags");
    private static final Set<String> MAPS_OF_SETS = Set.of("outcomeActions", "outcomeNotifications", "sources");
    private static final Set<String> MAPS = Set.of("inputParameters", "outcomeText", "outcomeType");

    private Scoring() {
    }

    /** An expected and an actual result of one tested ticket. */
    public record Pair(JsonNode expected, JsonNode actual) {
    }

    /** Whether every field the expectation names matches. */
    public static boolean successful(JsonNode expected, JsonNode actual) {
        if (expected == null || !expected.isObject()) {
            return true;
        }
        for (Iterator<String> names = expected.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!fieldMatches(field, expected.get(field), actual == null ? null : actual.get(field))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per field, the share of tested tickets whose expectation names the field and whose actual value
     * matches it; {@code overall} is the share of tested tickets that are successful. Empty when
     * nothing was tested.
     */
    public static Map<String, Double> scores(List<Pair> tested) {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (tested.isEmpty()) {
            return scores;
        }
        long successful = tested.stream().filter(p -> successful(p.expected(), p.actual())).count();
        scores.put("overall", ratio(successful, tested.size()));
        Map<String, int[]> perField = new TreeMap<>();
        for (Pair p : tested) {
            if (p.expected() == null || !p.expected().isObject()) {
                continue;
            }
            for (Iterator<String> names = p.expected().fieldNames(); names.hasNext();) {
                String field = names.next();
                int[] counts = perField.computeIfAbsent(field, f -> new int[2]);
                counts[1]++;
                if (fieldMatches(field, p.expected().get(field), p.actual() == null ? null : p.actual().get(field))) {
                    counts[0]++;
                }
            }
        }
        perField.forEach((field, counts) -> scores.put(field, ratio(counts[0], counts[1])));
        return scores;
    }

    private static double ratio(long part, long whole) {
        // four decimals are plenty for a percentage and keep the JSON short
        return Math.round(part * 10000.0 / whole) / 10000.0;
    }

    static boolean fieldMatches(String field, JsonNode expected, JsonNode actual) {
        if (SETS.contains(field)) {
            return asSet(expected).equals(asSet(actual));
        }
        if (MAPS_OF_SETS.contains(field) || MAPS.contains(field)) {
            if (!isPresent(expected)) {
                return !isPresent(actual) || (actual.isObject() && actual.isEmpty());
            }
            if (!expected.isObject()) {
                return normalize(expected).equals(normalize(actual));
            }
            for (Iterator<String> agents = expected.fieldNames(); agents.hasNext();) {
                String agent = agents.next();
                JsonNode e = expected.get(agent);
                JsonNode a = actual == null || !actual.isObject() ? null : actual.get(agent);
                boolean same = MAPS_OF_SETS.contains(field) ? asSet(e).equals(asSet(a)) : normalize(e).equals(normalize(a));
                if (!same) {
                    return false;
                }
            }
            return true;
        }
        return normalize(expected).equals(normalize(actual));
    }

    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static Set<JsonNode> asSet(JsonNode node) {
        Set<JsonNode> set = new HashSet<>();
        if (!isPresent(node)) {
            return set;
        }
        if (node.isArray()) {
            node.forEach(element -> set.add(normalize(element)));
        } else {
            set.add(normalize(node));
        }
        return set;
    }

    /** Scalars as text, null for missing; objects and arrays element by element. */
    static JsonNode normalize(JsonNode node) {
        if (!isPresent(node)) {
            return NullNode.instance;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), normalize(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(normalize(element)));
            return copy;
        }
        return JsonNodeFactory.instance.textNode(node.asText());
    }
}
