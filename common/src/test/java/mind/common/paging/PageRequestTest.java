package mind.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import mind.common.error.ApiException;

class PageRequestTest {

    @Test
    void defaultsAndBounds() {
        assertEquals(new PageRequest(100, 0), PageRequest.of(null, null));
        assertEquals(new PageRequest(1000, 5), PageRequest.of(1000, 5));
        assertEquals("limit", assertThrows(ApiException.class, () -> PageRequest.of(0, 0)).details().get(0).field());
        assertEquals("limit", assertThrows(ApiException.class, () -> PageRequest.of(1001, 0)).details().get(0).field());
        assertEquals("offset", assertThrows(ApiException.class, () -> PageRequest.of(10, -1)).details().get(0).field());
        assertEquals(100, PageRequest.of(null, null, 100, 500).limit());
        assertThrows(ApiException.class, () -> PageRequest.of(501, 0, 100, 500));
    }
}
