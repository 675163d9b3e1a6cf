package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/** What the front door passes on to a service and back, byte for byte where it matters. */
class ForwarderTest {

    private final List<AutoCloseable> started = new ArrayList<>();
    /** What the stand-in service last received. */
    private final CompletableFuture<Received> received = new CompletableFuture<>();

    record Received(String method, String uri, Headers headers, String body) {
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    @Test
    void methodUriHeadersAndBodyReachTheServiceWithoutHopByHopHeaders() throws Exception {
        FrontDoor door = frontDoorTo(recordingService(200, "{\"ok\":true}"));

        String answer = raw(door, "POST /api/mind/ticket/5?process=false&x=%20y HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer abc\r\n"
                + "Content-Type: application/json\r\n"
                + "Connection: keep-alive, X-Private-Hop\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "X-Private-Hop: only for the front door\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\n"
                + "Content-Length: 7\r\n"
                + "\r\n"
                + "{\"a\":1}");

        Received request = received.get(10, TimeUnit.SECONDS);
        assertEquals("POST", request.method());
        assertEquals("/api/mind/ticket/5?process=false&x=%20y", request.uri());
        assertEquals("{\"a\":1}", request.body());
        assertEquals("Bearer abc", request.headers().getFirst("Authorization"));
        assertEquals("application/json", request.headers().getFirst("Content-Type"));
        assertNull(request.headers().getFirst("Keep-Alive"));
        assertNull(request.headers().getFirst("X-Private-Hop"), "named in Connection, so hop-by-hop");
        assertEquals("203.0.113.7, 127.0.0.1", request.headers().getFirst("X-Forwarded-For"));
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("{\"ok\":true}"), answer);
    }

    @Test
    void aChunkedRequestBodyArrivesWhole() throws Exception {
        FrontDoor door = frontDoorTo(recordingService(200, "{}"));

        raw(door, "PATCH /api/mind/ticket HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "5\r\n[{\"id\r\n"
                + "5\r\n\":1}]\r\n"
                + "0\r\n\r\n");

        Received request = received.get(10, TimeUnit.SECONDS);
        assertEquals("PATCH", request.method());
        assertEquals("[{\"id\":1}]", request.body());
    }

    @Test
    void statusAndResponseHeadersComeBackAsTheServiceSentThem() throws Exception {
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/mind/ticket", exchange -> {
            byte[] bytes = "{\"success\":false,\"code\":\"precondition_failed\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"3\"");
            exchange.getResponseHeaders().add("Set-Cookie", "a=1");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2");
            exchange.sendResponseHeaders(412, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        FrontDoor door = frontDoorTo(start(service));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + "/api/mind/ticket/3")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(412, response.statusCode());
        assertEquals("\"3\"", response.headers().firstValue("ETag").orElse(null));
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
        assertEquals("{\"success\":false,\"code\":\"precondition_failed\"}", response.body());
    }

    @Test
    void aStreamedAnswerFlowsBeforeTheServiceEndsIt() throws Exception {
        CountDownLatch firstEventRead = new CountDownLatch(1);
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/mind/telephony", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                // the second event is written only once the client has read the first through the front door
                firstEventRead.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            body.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        FrontDoor door = frontDoorTo(start(service));

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + "/api/mind/telephony/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: first", lines.readLine());
            firstEventRead.countDown();
            assertEquals("", lines.readLine());
            assertEquals("data: second", lines.readLine());
        }
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void keepAliveConnectionsCarryManyRequests() throws Exception {
        FrontDoor door = frontDoorTo(recordingService(200, "{}"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + door.port() + "/api/mind/ticket/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertFalse(response.headers().firstValue("Connection").orElse("").equalsIgnoreCase("close"));
        }
    }

    @Test
    void pipelinedRequestsWithoutBodiesAreAnsweredInOrderOnOneConnection() throws Exception {
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/mind/ticket", exchange -> {
            byte[] bytes = (exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " body=" + exchange.getRequestBody().readAllBytes().length
                    + " te=" + exchange.getRequestHeaders().getFirst("Transfer-Encoding")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        FrontDoor door = frontDoorTo(start(service));

        try (Socket socket = new Socket("127.0.0.1", door.port())) {
            socket.setSoTimeout(10_000);
            // three requests in one write: the front door must read each one's end before the next
            socket.getOutputStream().write(("GET /api/mind/ticket/1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "DELETE /api/mind/ticket/2 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
                    + "GET /api/mind/ticket/3 HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            StringBuilder answers = new StringBuilder();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (!answers.toString().contains("GET /api/mind/ticket/3 body=0")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answers.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            String all = answers.toString();
            int first = all.indexOf("GET /api/mind/ticket/1 body=0 te=null");
            int second = all.indexOf("DELETE /api/mind/ticket/2 body=0 te=null");
            int third = all.indexOf("GET /api/mind/ticket/3 body=0 te=null");
            assertTrue(first >= 0 && second > first && third > second, all);
            assertEquals(3, all.split("HTTP/1.1 200", -1).length - 1, all);
        }
    }

    @Test
    void smallAndLargeAnswersArriveWholeAndHeadGetsNoBody() throws Exception {
        int small = 1000;
        int large = 330_000; // more than a few socket buffers: the pipe's back-pressure is used
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/mind/ticket", exchange -> {
            int size = exchange.getRequestURI().getPath().endsWith("/large") ? large : small;
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) ('a' + i % 26);
            }
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", Integer.toString(size));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, size);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        FrontDoor door = frontDoorTo(start(service));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        for (String path : List.of("small", "large")) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + door.port() + "/api/mind/ticket/" + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int size = path.equals("large") ? large : small;
            assertEquals(200, response.statusCode());
            assertEquals(size, response.body().length, path);
            for (int i = 0; i < size; i++) {
                if (response.body()[i] != (byte) ('a' + i % 26)) {
                    throw new AssertionError(path + ": byte " + i + " differs");
                }
            }
        }
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + door.port() + "/api/mind/ticket/small"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(Integer.toString(small), head.headers().firstValue("Content-Length").orElse(null));
        assertEquals(0, head.body().length);
    }

    @Test
    void anAnswerCutShortIsNeverPassedOnAsWholeAndTheNextRequestIsServed() throws Exception {
        // a service that promises 1000 bytes, sends 10 and closes the connection (a crash mid-answer)
        java.net.ServerSocket service = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        started.add(service);
        Thread.ofVirtual().start(() -> {
            while (!service.isClosed()) {
                try (Socket connection = service.accept()) {
                    InputStream in = connection.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (head.indexOf("\r\n\r\n") < 0) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.append((char) b);
                    }
                    boolean cut = head.toString().startsWith("GET /api/mind/ticket/cut");
                    String body = cut ? "0123456789" : "{\"ok\":true}";
                    int declared = cut ? 1000 : body.length();
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + declared
                            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException closed) {
                    // the test is over
                }
            }
        });
        FrontDoor door = frontDoorTo(service.getLocalPort());

        try (Socket socket = new Socket("127.0.0.1", door.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/mind/ticket/cut HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            // the front door drops the client's connection rather than answer 200 with a short or padded body
            byte[] all;
            try {
                all = socket.getInputStream().readAllBytes();
            } catch (java.net.SocketException reset) {
                all = new byte[0];
            }
            String answer = new String(all, StandardCharsets.UTF_8);
            assertFalse(answer.contains("0123456789") && answer.toLowerCase(java.util.Locale.ROOT).contains("content-length: 10\r\n"),
                    "a cut answer must not be passed on as a complete one: " + answer);
            assertFalse(answer.startsWith("HTTP/1.1 200") && answer.length() - answer.indexOf("\r\n\r\n") - 4 >= 1000, answer);
        }
        String next = raw(door, "GET /api/mind/ticket/ok HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(next.startsWith("HTTP/1.1 200"), next);
        assertTrue(next.endsWith("{\"ok\":true}"), next);
    }

    private int recordingService(int status, String answer) throws IOException {
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/api/mind/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.complete(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        return start(service);
    }

    private int start(HttpServer service) {
        service.start();
        started.add(() -> service.stop(0));
        return service.getAddress().getPort();
    }

    private FrontDoor frontDoorTo(int port) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        RouteTable.fromIngress().services().forEach(service -> ports.put(service, port));
        FrontDoor door = new FrontDoor(RouteTable.fromIngress(), ports, "127.0.0.1").start("127.0.0.1", 0);
        RouteTable.fromIngress().services().forEach(door::markReady);
        started.add(door);
        return door;
    }

    /** Sends bytes as written (java.net.http refuses hop-by-hop headers) and reads the answer to its end. */
    private static String raw(FrontDoor door, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", door.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            // read the head, then exactly Content-Length bytes of body
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                int headEnd = answer.indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    String head = answer.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
                    int at = head.indexOf("content-length:");
                    if (at >= 0) {
                        int length = Integer.parseInt(head.substring(at + 15).split("\r\n")[0].strip());
                        if (answer.length() - headEnd - 4 >= length) {
                            break;
                        }
                    }
                }
            }
            return answer.toString();
        }
    }
}
