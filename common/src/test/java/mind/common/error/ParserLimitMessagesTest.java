package mind.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.json.ApiJson;

/** A body past the parser's nesting limit is a 400 that says so, without the parser's class names. */
class ParserLimitMessagesTest {

    record Body(String name, JsonNode data) {
    }

    private static final String DEEP = "[".repeat(5_000) + "]".repeat(5_000);

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new ApiJson().customize(mapper);
        return mapper;
    }

    @Test
    void aDeepBodyIsNamedAsSuch() {
        StreamConstraintsException e = assertThrows(StreamConstraintsException.class, () -> mapper.readTree(DEEP));
        Response response = new ErrorMappers().streamConstraints(e, null);
        assertEquals(400, response.getStatus());
        ApiError error = (ApiError) response.getEntity();
        assertEquals("malformed_json", error.code());
        assertTrue(error.error().contains("nesting depth"), error.error());
        assertFalse(error.error().contains("StreamReadConstraints"), error.error());
    }

    @Test
    void aDeepFieldIsNamedWithItsLimit() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"name\":\"x\",\"data\":" + DEEP + "}", Body.class));
        Response response = new ErrorMappers().jsonMapping(e, null);
        assertEquals(400, response.getStatus());
        ApiError error = (ApiError) response.getEntity();
        assertEquals("data", error.details().get(0).field());
        assertTrue(error.details().get(0).message().contains("nesting depth"), error.details().get(0).message());
    }
}
