package mind.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class ExecutorEndpointTest {

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> answer = new AtomicReference<>("{\"success\":true}");
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile long delayMillis;
    /** Released when the test ends, so that a slow answer does not outlive the test. */
    private final CountDownLatch ended = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/run", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                ended.await(delayMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        ended.countDown();
        server.stop(0);
    }

    private ExecutorEndpoint endpoint(int maxAnswer) {
        return new ExecutorEndpoint("the executor endpoint", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/run"),
                Duration.ofMillis(500), maxAnswer, "check the URL");
    }

    @Test
    void postsTheBodyAsJsonWithoutCredentialsAndAnswersA2xxBody() {
        String body = endpoint(1000).post("{\"code\":\"print(1)\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"success\":true}", body);
        assertEquals("{\"code\":\"print(1)\"}", received.get());
        assertNull(authorization.get(), "no Authorization header goes to customer code");
    }

    @Test
    void aLongAnswerIsCut() {
        answer.set("x".repeat(50));
        assertEquals(10, endpoint(10).post(new byte[0]).length());
    }

    @Test
    void statusesMapToTheRemoteFailures() {
        status.set(503);
        RemoteUnavailableException unavailable = assertThrows(RemoteUnavailableException.class, () -> endpoint(100).post(new byte[0]));
        assertEquals(503, unavailable.status());
        status.set(429);
        assertThrows(RemoteUnavailableException.class, () -> endpoint(100).post(new byte[0]));
        status.set(504);
        assertThrows(RemoteTimeoutException.class, () -> endpoint(100).post(new byte[0]));
        status.set(400);
        answer.set("{\"error\":\"sk_secret_in_the_answer\"}");
        RemoteRejectedException rejected = assertThrows(RemoteRejectedException.class, () -> endpoint(100).post(new byte[0]));
        assertEquals(400, rejected.status());
        assertTrue(rejected.getMessage().contains("HTTP 400") && rejected.getMessage().contains("check the URL"), rejected.getMessage());
        assertFalse(rejected.getMessage().contains("sk_secret"), "the answer is never quoted");
    }

    @Test
    void aSlowEndpointTimesOutAndAClosedPortIsUnavailable() {
        delayMillis = 2000;
        assertThrows(RemoteTimeoutException.class, () -> endpoint(100).post(new byte[0]));
        delayMillis = 0;
        int port = server.getAddress().getPort();
        server.stop(0);
        ExecutorEndpoint closed = new ExecutorEndpoint("the executor endpoint", URI.create("http://127.0.0.1:" + port + "/run"),
                Duration.ofMillis(500), 100, "check the URL");
        RemoteUnavailableException e = assertThrows(RemoteUnavailableException.class, () -> closed.post(new byte[0]));
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
    }
}
