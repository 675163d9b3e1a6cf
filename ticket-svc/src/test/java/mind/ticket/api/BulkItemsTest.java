package mind.ticket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import mind.ticket.service.TicketUpdates;

class BulkItemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsAtMostAFullBatchAndCountsTheRest() throws Exception {
        BulkItems body = JSON.readValue("[" + "{\"id\":1,\"tagIds\":[1,2]},".repeat(49_999) + "{\"id\":2}]", BulkItems.class);
        assertEquals(50_000, body.count());
        assertEquals(TicketUpdates.MAX_BULK_ITEMS, body.items().size());
    }

    @Test
    void keepsEachItemAsSentAndNullsAsNull() throws Exception {
        BulkItems body = JSON.readValue("[{\"id\":1,\"status\":\"bogus\"},null,5]", BulkItems.class);
        assertEquals(3, body.count());
        assertEquals("{\"id\":1,\"status\":\"bogus\"}", JSON.readTree(body.items().get(0).asParser(JSON)).toString());
        assertNull(body.items().get(1));
        assertEquals("5", JSON.readTree(body.items().get(2).asParser(JSON)).toString());
    }

    @Test
    void aBodyThatIsNoArrayIsRefused() {
        assertThrows(MismatchedInputException.class, () -> JSON.readValue("{\"id\":1}", BulkItems.class));
    }
}
