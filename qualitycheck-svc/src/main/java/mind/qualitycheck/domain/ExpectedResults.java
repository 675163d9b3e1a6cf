package mind.qualitycheck.domain;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.error.ApiException;

/**
 * What an expected TestResult may hold (the contract's TestResult fields), checked before it is stored: an unknown
 * field or a value of the wrong shape would otherwise be kept and scored as a field nobody can ever match. Lenient
 * where clients are: scalars may be strings or numbers ({@code contractId: 715382}), as {@link Scoring} compares
 * them by their text. 400 naming {@code expectedResult.<field>} (and the agent code for per-agent maps).
 */
public final class ExpectedResults {

    private enum Shape { SCALAR, SCALARS, OBJECT, ARRAY }

    /** Field → its shape; for per-agent maps (keyed by AI-agent code) the shape of each agent's value. */
    private static final Map<String, Shape> FIELDS = Map.of(
            "contractId", Shape.SCALAR, "sentiment", Shape.SCALAR, "aiSupportLevel", Shape.SCALAR, "error", Shape.SCALAR,
            "intentDetection", Shape.SCALARS, "tags", Shape.SCALARS);
    private static final Map<String, Shape> PER_AGENT = Map.of(
            "inputParameters", Shape.OBJECT, "outcomeText", Shape.SCALAR, "outcomeType", Shape.SCALAR,
            "outcomeActions", Shape.SCALARS, "outcomeNotifications", Shape.SCALARS, "sources", Shape.ARRAY);
    private static final Set<String> NAMES = names();

    private ExpectedResults() {
    }

    private static Set<String> names() {
        var all = new java.util.TreeSet<String>(FIELDS.keySet());
        all.addAll(PER_AGENT.keySet());
        return java.util.Collections.unmodifiableSet(all);
    }

    /** Refuses an expectation with a field the TestResult does not have or a value of another shape. */
    public static void check(JsonNode expected) {
        if (expected == null || expected.isNull()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String at = "expectedResult." + name;
            Shape shape = FIELDS.get(name);
            if (shape != null) {
                require(at, field.getValue(), shape);
            } else if (PER_AGENT.containsKey(name)) {
                JsonNode map = field.getValue();
                if (map.isNull()) {
                    continue;
                }
                if (!map.isObject()) {
                    throw ApiException.invalidField(at, "must be an object keyed by AI-agent code");
                }
                for (Iterator<Map.Entry<String, JsonNode>> agents = map.fields(); agents.hasNext();) {
                    Map.Entry<String, JsonNode> agent = agents.next();
                    require(at + "." + agent.getKey(), agent.getValue(), PER_AGENT.get(name));
                }
            } else {
                throw ApiException.invalidField(at, "is not a TestResult field; one of " + NAMES);
            }
        }
    }

    private static void require(String at, JsonNode value, Shape shape) {
        if (value.isNull()) {
            return;
        }
        boolean fits = switch (shape) {
            case SCALAR -> value.isTextual() || value.isNumber() || value.isBoolean();
            case SCALARS -> value.isArray() && allScalars(value);
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
        };
        if (!fits) {
            throw ApiException.invalidField(at, switch (shape) {
                case SCALAR -> "must be a string or a number";
                case SCALARS -> "must be an array of strings or numbers";
                case OBJECT -> "must be an object";
                case ARRAY -> "must be an array";
            });
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!(item.isTextual() || item.isNumber())) {
                return false;
            }
        }
        return true;
    }
}
