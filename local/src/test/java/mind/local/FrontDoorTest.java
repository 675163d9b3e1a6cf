package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

class FrontDoorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    @Test
    void refusesDotSegmentsInAnySpelling() {
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/../../q/metrics"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/%2e%2e/%2E%2E/q/metrics"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/./1"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/a%2Fb"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/%zz"));
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/a\\b"), "a raw backslash");
        assertTrue(FrontDoor.hasDotSegment("/api/mind/ticket/.."), "a dot segment at the end");
        assertFalse(FrontDoor.hasDotSegment("/api/mind/ticket/12"));
        assertFalse(FrontDoor.hasDotSegment("/api/mind/aiAgent/change.bank.data"));
        assertFalse(FrontDoor.hasDotSegment("/api/mind/settings/search"));
    }

    @Test
    void mergesPathsComponentsAndTagsOfAllDocuments() throws Exception {
        JsonNode a = JSON.readTree("""
                {"openapi":"3.1.0","paths":{"/api/mind/ticket":{"post":{}}},
                 "components":{"schemas":{"Ticket":{"type":"object"},"ApiError":{"type":"object"}},
                               "securitySchemes":{"jwt":{"type":"http"}}},
                 "tags":[{"name":"Ticket"}],"security":[{"jwt":[]}]}""");
        JsonNode b = JSON.readTree("""
                {"openapi":"3.1.0","paths":{"/api/mind/telephony/callReceived":{"post":{}}},
                 "components":{"schemas":{"QueueEntry":{"type":"object"},"ApiError":{"type":"object"}},
                               "securitySchemes":{"jwt":{"type":"http"}}},
                 "tags":[{"name":"Telephony"},{"name":"Ticket"}]}""");
        JsonNode merged = FrontDoor.merge(documents("ticket-svc", a, "telephony-svc", b));
        assertEquals("enneo.MIND API", merged.path("info").path("title").asText());
        assertEquals("3.1.0", merged.path("openapi").asText());
        assertTrue(merged.path("paths").has("/api/mind/ticket"));
        assertTrue(merged.path("paths").has("/api/mind/telephony/callReceived"));
        assertTrue(merged.path("components").path("schemas").has("Ticket"));
        assertTrue(merged.path("components").path("schemas").has("QueueEntry"));
        assertTrue(merged.path("components").path("schemas").has("ApiError"), "the same name with the same content is one entry");
        assertEquals(2, merged.path("tags").size(), "tags are listed once each");
        assertTrue(merged.has("security"));
    }

    @Test
    void aSchemaNameWithTwoMeaningsFailsTheMergeNamingItAndBothServices() throws Exception {
        JsonNode ticket = JSON.readTree("""
                {"paths":{},"components":{"schemas":{"Channel":{"type":"string","enum":["email","phone"]}}}}""");
        JsonNode settings = JSON.readTree("""
                {"paths":{},"components":{"schemas":{"Channel":{"type":"string","enum":["email","chat"]}}}}""");
        FrontDoor.MergeConflict conflict = assertThrows(FrontDoor.MergeConflict.class,
                () -> FrontDoor.merge(documents("ticket-svc", ticket, "settings-svc", settings)));
        assertTrue(conflict.getMessage().contains("'Channel'"), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("ticket-svc"), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("settings-svc"), conflict.getMessage());
    }

    @Test
    void aPathServedByTwoServicesFailsTheMerge() throws Exception {
        JsonNode one = JSON.readTree("""
                {"paths":{"/api/mind/tag":{"get":{}}}}""");
        JsonNode two = JSON.readTree("""
                {"paths":{"/api/mind/tag":{"post":{}}}}""");
        FrontDoor.MergeConflict conflict = assertThrows(FrontDoor.MergeConflict.class,
                () -> FrontDoor.merge(documents("ticket-svc", one, "settings-svc", two)));
        assertTrue(conflict.getMessage().contains("/api/mind/tag"), conflict.getMessage());
    }

    @Test
    void aConflictingMergeIs500InTheErrorShapeNamingTheSchema() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : RouteTable.fromIngress().services()) {
            String channel = service.equals("telephony-svc") ? "[\"phone\"]" : "[\"email\"]";
            ports.put(service, stub("/q/openapi", 200, """
                    {"openapi":"3.1.0","paths":{},"components":{"schemas":{"Channel":{"enum":%s}}}}""".formatted(channel)));
        }
        FrontDoor door = frontDoor(ports);
        ports.keySet().forEach(door::markReady);

        HttpResponse<String> response = get(door, "/api/mind/docs/open-api?format=json");
        assertEquals(500, response.statusCode());
        JsonNode body = assertErrorShape(response, "openapi_conflict");
        assertTrue(body.path("error").asText().contains("'Channel'"), body.toString());
        assertTrue(body.path("error").asText().contains("telephony-svc"), body.toString());
    }

    @Test
    void beforeItsServiceIsReadyAPathIs503StartingWithRetryAfter() throws Exception {
        Map<String, Integer> ports = allServicesOn(TestNetwork.freePort());
        FrontDoor door = frontDoor(ports);
        door.markReady("settings-svc");

        HttpResponse<String> response = get(door, "/api/mind/ticket/1");
        assertEquals(503, response.statusCode());
        assertEquals(FrontDoor.RETRY_AFTER_SECONDS, response.headers().firstValue("Retry-After").orElse(null));
        JsonNode body = assertErrorShape(response, "suite_starting");
        assertEquals("Mind is starting; ticket-svc is not ready yet", body.path("error").asText());

        HttpResponse<String> docs = get(door, "/api/mind/docs/open-api");
        assertEquals(503, docs.statusCode(), "the merged document needs all five");
        assertErrorShape(docs, "suite_starting");
    }

    @Test
    void aReadyServiceIsProxied() throws Exception {
        Map<String, Integer> ports = allServicesOn(stub("/api/mind/ticket/1", 200, "{\"id\":1}"));
        FrontDoor door = frontDoor(ports);
        door.markReady("ticket-svc");

        HttpResponse<String> response = get(door, "/api/mind/ticket/1");
        assertEquals(200, response.statusCode());
        assertEquals("{\"id\":1}", response.body());
    }

    @Test
    void aReadyServiceThatIsDownIs503InTheErrorShapeNever502() throws Exception {
        Map<String, Integer> ports = allServicesOn(TestNetwork.freePort());
        FrontDoor door = frontDoor(ports);
        door.markReady("ticket-svc");

        HttpResponse<String> response = get(door, "/api/mind/ticket/1");
        assertEquals(503, response.statusCode());
        assertEquals(FrontDoor.RETRY_AFTER_SECONDS, response.headers().firstValue("Retry-After").orElse(null));
        JsonNode body = assertErrorShape(response, "service_unavailable");
        assertTrue(body.path("error").asText().contains("ticket-svc"), body.toString());
    }

    @Test
    void theWarningAboutAServiceThatIsDownLeavesTheQueryOut() throws Exception {
        Map<String, Integer> ports = allServicesOn(TestNetwork.freePort());
        FrontDoor door = frontDoor(ports);
        door.markReady("settings-svc");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            // Microsoft's redirect carries the authorization code in the query; other clients put tokens there
            response = get(door, "/api/mind/settings/mailbox/microsoft/callback?code=AuthCode4711&state=State4711&password=Pw4711");
        } finally {
            System.setErr(err);
        }
        assertEquals(503, response.statusCode());
        String log = printed.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("settings-svc did not answer GET /api/mind/settings/mailbox/microsoft/callback"), log);
        for (String secret : List.of("AuthCode4711", "State4711", "Pw4711")) {
            assertFalse(log.contains(secret), log);
        }
    }

    @Test
    void withoutMindBindTheFrontDoorListensOnLoopbackOnly() throws Exception {
        Suite.Config config = Suite.Config.fromEnvironment(Path.of("."), Map.of());
        assertEquals("127.0.0.1", config.bindHost());
        FrontDoor door = new FrontDoor(RouteTable.fromIngress(), allServicesOn(TestNetwork.freePort()), config.connectHost())
                .start(config.bindHost(), 0);
        started.add(door);
        assertEquals("127.0.0.1", door.host());
        try (Socket loopback = new Socket("127.0.0.1", door.port())) {
            assertTrue(loopback.isConnected());
        }
        for (InetAddress address : TestNetwork.nonLoopbackAddresses()) {
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, door.port()), 2000);
                }
            }, "reachable from " + address);
        }
    }

    @Test
    void mindBindMovesTheListenAddress() {
        Suite.Config config = Suite.Config.fromEnvironment(Path.of("."), Map.of("MIND_BIND", "0.0.0.0"));
        assertEquals("0.0.0.0", config.bindHost());
        assertEquals("127.0.0.1", config.connectHost(), "clients of an every-interface listener connect over loopback");
    }

    private static Map<String, JsonNode> documents(String service1, JsonNode document1, String service2, JsonNode document2) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put(service1, document1);
        documents.put(service2, document2);
        return documents;
    }

    private static Map<String, Integer> allServicesOn(int port) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        RouteTable.fromIngress().services().forEach(service -> ports.put(service, port));
        return ports;
    }

    private FrontDoor frontDoor(Map<String, Integer> ports) {
        FrontDoor door = new FrontDoor(RouteTable.fromIngress(), ports, "127.0.0.1").start("127.0.0.1", 0);
        started.add(door);
        return door;
    }

    /** A stand-in for a service: one path, one answer. */
    private int stub(String path, int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        started.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    private HttpResponse<String> get(FrontDoor door, String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertErrorShape(HttpResponse<String> response, String code) throws IOException {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertEquals(false, body.path("success").asBoolean(true), response.body());
        assertEquals(code, body.path("code").asText(), response.body());
        assertTrue(body.path("error").isTextual(), response.body());
        assertTrue(body.path("details").isArray(), response.body());
        return body;
    }
}
