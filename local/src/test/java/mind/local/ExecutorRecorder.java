package mind.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * An executor endpoint for the end-to-end suite: it records every call ({@code POST /run}) with its body and
 * whether an Authorization header came along, and answers {@code {"success":true}}. settings-svc runs event hooks
 * on it.
 */
final class ExecutorRecorder implements AutoCloseable {

    /** One call as it arrived. */
    record Call(String body, boolean withAuthorization) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private ExecutorRecorder(HttpServer server) {
        this.server = server;
    }

    static ExecutorRecorder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorRecorder recorder = new ExecutorRecorder(server);
        server.createContext("/run", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            recorder.calls.add(new Call(body, exchange.getRequestHeaders().containsKey("Authorization")));
            byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "executor-recorder");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return recorder;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/run";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
