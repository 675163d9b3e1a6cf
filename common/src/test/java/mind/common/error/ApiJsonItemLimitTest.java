package mind.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.json.ApiJson;

/** Lists and arrays of a request body longer than ApiJson.MAX_ITEMS are refused while read, naming the field. */
class ApiJsonItemLimitTest {

    record Entry(String speaker, String message) {
    }

    record Body(List<Entry> transcript, long[] ids) {
    }

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new ApiJson().customize(mapper);
        return mapper;
    }

    private static String items(int count, String item) {
        return IntStream.range(0, count).mapToObj(i -> item).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void aListAtTheLimitIsRead() throws Exception {
        Body body = mapper.readValue("{\"transcript\":" + items(ApiJson.MAX_ITEMS, "{}") + "}", Body.class);
        assertEquals(ApiJson.MAX_ITEMS, body.transcript().size());
    }

    @Test
    void aLongerListIsRefusedNamingTheField() {
        ApiJson.TooManyItemsException e = assertThrows(ApiJson.TooManyItemsException.class,
                () -> mapper.readValue("{\"transcript\":" + items(100_000, "{}") + "}", Body.class));
        assertEquals("transcript", ErrorMappers.pathOf(e));
        assertEquals("must have at most 10000 items", e.getOriginalMessage());
    }

    @Test
    void aLongerArrayIsRefusedNamingTheField() {
        ApiJson.TooManyItemsException e = assertThrows(ApiJson.TooManyItemsException.class,
                () -> mapper.readValue("{\"ids\":" + items(ApiJson.MAX_ITEMS + 1, "1") + "}", Body.class));
        assertEquals("ids", ErrorMappers.pathOf(e));
    }

    @Test
    void aLongerTopLevelListIsRefused() {
        assertThrows(ApiJson.TooManyItemsException.class, () -> mapper.readValue(items(ApiJson.MAX_ITEMS + 1, "{}"),
                mapper.getTypeFactory().constructCollectionType(List.class, Entry.class)));
    }
}
