package mind.telephony.api;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import mind.common.testing.RefusedPort;

/** Points the ticket REST client at a local port where every connect is refused (held until the test ends). */
public class UnreachableTicketService implements QuarkusTestResourceLifecycleManager {

    private RefusedPort refused;

    @Override
    public Map<String, String> start() {
        refused = new RefusedPort();
        return Map.of("quarkus.rest-client.ticket.url", "http://127.0.0.1:" + refused.port());
    }

    @Override
    public void stop() {
        if (refused != null) {
            refused.close();
        }
    }
}
