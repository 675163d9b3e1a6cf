package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortTest {

    /** Picked at random from 12,000 ports, 300 picks would repeat one almost every time without the bookkeeping. */
    @Test
    void noPortIsHandedOutTwice() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = Suite.freePort();
            assertTrue(port >= 20000 && port < 32000, "below the ephemeral range: " + port);
            ports.add(port);
        }
        assertEquals(300, ports.size(), "a port was handed out twice");
    }
}
