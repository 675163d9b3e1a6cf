package mind.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.error.ApiException;

class JsonObjectBoundsTest {

    @Test
    void measuresUtf8BytesOfCompactJsonForNodesAndMaps() {
        // {"k":"ää"} is 10 characters and 12 bytes
        JsonObjectBounds bounds = new JsonObjectBounds(11, 0);
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("k", "ää");
        assertEquals("must be at most 11 bytes as JSON", bounds.problem(node));
        assertEquals("must be at most 11 bytes as JSON", bounds.problem(Map.of("k", "ää")));
        assertNull(new JsonObjectBounds(12, 0).problem(node));
        assertNull(new JsonObjectBounds(12, 0).problem(Map.of("k", "ää")));
    }

    @Test
    void countsTopLevelKeysOnlyWhenAsked() {
        Map<String, Object> three = new LinkedHashMap<>();
        three.put("a", 1);
        three.put("b", Map.of("c", 1, "d", 2));
        three.put("e", 3);
        assertEquals("must have at most 2 top-level keys", new JsonObjectBounds(1000, 2).problem(three));
        assertNull(new JsonObjectBounds(1000, 3).problem(three));
        assertNull(new JsonObjectBounds(1000, 0).problem(three));
    }

    @Test
    void onlyObjectsOrNothing() {
        JsonObjectBounds bounds = new JsonObjectBounds(1000, 0);
        assertEquals("must be a JSON object", bounds.problem(JsonNodeFactory.instance.arrayNode()));
        assertEquals("must be a JSON object", bounds.problem(JsonNodeFactory.instance.textNode("x")));
        assertNull(bounds.problem(null));
        assertNull(bounds.problem(JsonNodeFactory.instance.nullNode()));
    }

    @Test
    void checkNamesTheField() {
        ApiException e = assertThrows(ApiException.class,
                () -> new JsonObjectBounds(5, 0).check("data", Map.of("long", "value")));
        assertEquals(400, e.status());
        assertEquals("data", e.details().get(0).field());
    }
}
