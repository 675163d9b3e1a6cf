package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FrontDoorTest {

    @Test
    void refusesDotSegmentsInAnySpelling() {
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/../../q/metrics"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/%2e%2e/%2E%2E/q/metrics"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/./1"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/a%2Fb"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/%zz"));
        assertFalse(FrontDoor.hasDotSegment("/api/mind/ticket/12"));
        assertFalse(FrontDoor.hasDotSegment("/api/mind/aiAgent/change.bank.data"));
        assertFalse(FrontDoor.hasDotSegment("/api/mind/settings/search"));
    }

    @Test
    void mergesPathsComponentsAndTagsOfAllDocuments() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree("""
                {"openapi":"3.1.0","paths":{"/api/mind/ticket":{"post":{}}},
                 "components":{"schemas":{"Ticket":{"type":"object"}},"securitySchemes":{"jwt":{"type":"http"}}},
                 "tags":[{"name":"Ticket"}],"security":[{"jwt":[]}]}""");
        JsonNode b = json.readTree("""
                {"openapi":"3.1.0","paths":{"/api/mind/telephony/callReceived":{"post":{}}},
                 "components":{"schemas":{"QueueEntry":{"type":"object"}},"securitySchemes":{"jwt":{"type":"http"}}},
                 "tags":[{"name":"Telephony"},{"name":"Ticket"}]}""");
        JsonNode merged = FrontDoor.merge(List.of(a, b));
        assertEquals("enneo.MIND API", merged.path("info").path("title").asText());
        assertEquals("3.1.0", merged.path("openapi").asText());
        assertTrue(merged.path("paths").has("/api/mind/ticket"));
        assertTrue(merged.path("paths").has("/api/mind/telephony/callReceived"));
        assertTrue(merged.path("components").path("schemas").has("Ticket"));
        assertTrue(merged.path("components").path("schemas").has("QueueEntry"));
        assertEquals(2, merged.path("tags").size(), "tags are listed once each");
        assertTrue(merged.has("security"));
    }
}
