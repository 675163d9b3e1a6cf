package mind.aiagent.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.error.ApiException;

/**
 * The dotted keys enneo's clients send in a PATCH body ({@code "settings.executor[0].code": "..."}):
 * each is turned into a JSON Pointer ({@code /settings/executor/0/code}) and applied with Jackson's
 * pointer support, so that no string surgery on JSON ever happens. Only the free-form JSON fields
 * may be addressed this way; the typed fields are patched by their plain keys.
 */
public final class DottedPaths {

    /** Roots a dotted key may start with: the agent's free-form JSON fields. */
    public static final Set<String> ROOTS = Set.of("settings", "appearance");

    private static final String NAME = "[A-Za-z_$][A-Za-z0-9_$-]{0,99}";
    private static final Pattern WHOLE = Pattern.compile(NAME + "(\\[\\d{1,6}])*(\\." + NAME + "(\\[\\d{1,6}])*){0,31}");
    private static final Pattern SEGMENT = Pattern.compile("(" + NAME + ")|\\[(\\d{1,6})]");

    private DottedPaths() {
    }

    /** Whether a PATCH key is a path rather than a field name. */
    public static boolean isDotted(String key) {
        return key.indexOf('.') >= 0 || key.indexOf('[') >= 0;
    }

    /** {@code settings.executor[0].code} as the pointer {@code /settings/executor/0/code}; 400 naming the key when malformed. */
    public static JsonPointer toPointer(String dotted) {
        if (dotted.length() > 1000 || !WHOLE.matcher(dotted).matches()) {
            throw ApiException.invalidField(dotted, "is not a valid path (expected e.g. settings.executor[0].code)");
        }
        List<String> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(dotted);
        while (m.find()) {
            segments.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        if (!ROOTS.contains(segments.get(0)) || segments.size() < 2) {
            throw ApiException.invalidField(dotted, "a dotted path must start with one of " + ROOTS.stream().sorted().toList()
                    + " and name a field inside it");
        }
        StringBuilder pointer = new StringBuilder();
        for (String segment : segments) {
            // NAME allows neither '~' nor '/', so no segment needs JSON Pointer escaping
            pointer.append('/').append(segment);
        }
        return JsonPointer.compile(pointer.toString());
    }

    /**
     * Sets the value at {@code pointer} inside {@code root}. Missing objects on the way are created (a
     * new {@code settings.personality.style} needs no empty {@code personality} first), also as a new
     * last element of an array ({@code settings.executor[0].code} on an empty executor list creates
     * element 0 as {@code {"code": ...}}). An array index must exist or be the array's length (append),
     * so no array gets holes. Anything else is a 400 naming {@code dotted}.
     */
    public static void set(ObjectNode root, JsonPointer pointer, String dotted, JsonNode value) {
        JsonNode current = root;
        JsonPointer rest = pointer;
        while (!rest.tail().matches()) {
            String name = rest.getMatchingProperty();
            JsonNode next = child(current, rest, dotted);
            if (next == null || next.isNull()) {
                // a missing container becomes what the next step needs: [n] an array, a name an object
                boolean array = rest.tail().getMatchingIndex() >= 0 && rest.tail().getMatchingProperty().matches("\\d+");
                JsonNode created = array ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                if (current instanceof ObjectNode object) {
                    object.set(name, created);
                } else {
                    // inside an array only the next element may be created (index == size): never a hole
                    place((ArrayNode) current, arrayIndex(rest, dotted), created, dotted);
                }
                next = created;
            } else if (!next.isContainerNode()) {
                throw ApiException.invalidField(dotted, "'" + name + "' is not an object or array");
            }
            current = next;
            rest = rest.tail();
        }
        String last = rest.getMatchingProperty();
        if (current instanceof ObjectNode object) {
            object.set(last, value);
        } else if (current instanceof ArrayNode array) {
            place(array, arrayIndex(rest, dotted), value, dotted);
        }
    }

    /** Replaces element {@code index}, or appends when it is the array's length; past that a 400 naming {@code dotted}. */
    private static void place(ArrayNode array, int index, JsonNode value, String dotted) {
        if (index < array.size()) {
            array.set(index, value);
        } else if (index == array.size()) {
            array.add(value);
        } else {
            throw ApiException.invalidField(dotted, "index " + index + " is past the end of an array of " + array.size()
                    + " (an element can only be added at index " + array.size() + ")");
        }
    }

    private static JsonNode child(JsonNode current, JsonPointer step, String dotted) {
        if (current instanceof ArrayNode array) {
            int index = arrayIndex(step, dotted);
            return index < array.size() ? array.get(index) : null;
        }
        return current.get(step.getMatchingProperty());
    }

    private static int arrayIndex(JsonPointer step, String dotted) {
        int index = step.getMatchingIndex();
        if (index < 0) {
            throw ApiException.invalidField(dotted, "'" + step.getMatchingProperty() + "' names a field of an array; use [n]");
        }
        return index;
    }
}
