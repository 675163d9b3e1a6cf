package mind.telephony.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the ticket REST client at a local port nobody listens on: every connect is refused. */
public class UnreachableTicketService implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.rest-client.ticket.url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
