package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** What a training run asks the service it trains: the start's probes, and nothing a request would load. */
class TrainingTest {

    @Test
    void aTrainingRunSendsTheHealthProbesOnly() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = server(200, asked);
        try {
            int calls = Training.exercise("127.0.0.1", server.getAddress().getPort());
            assertEquals(List.of("/q/health/ready", "/q/health/live"), Training.PROBES);
            assertEquals(2 * Training.ROUNDS, calls);
            assertEquals(asked.size(), calls);
            assertEquals(Training.ROUNDS, asked.stream().filter("GET /q/health/ready"::equals).count(), asked.toString());
            assertEquals(Training.ROUNDS, asked.stream().filter("GET /q/health/live"::equals).count(), asked.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServiceThatIsNotReadyFailsTheTrainingRun() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = server(503, asked);
        try {
            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> Training.exercise("127.0.0.1", server.getAddress().getPort()));
            assertTrue(failed.getMessage().contains("/q/health/ready answered 503"), failed.getMessage());
            assertEquals(List.of("GET /q/health/ready"), asked);
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer server(int status, List<String> asked) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
