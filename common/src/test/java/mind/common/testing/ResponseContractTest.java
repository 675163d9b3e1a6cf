package mind.common.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * {@link ResponseContract} against a small document served like a service's {@code /q/openapi}: a
 * response that matches passes, one that does not fails the test, a path the document does not hold is
 * not checked, and request errors are not its business.
 */
class ResponseContractTest {

    private static final String DOCUMENT = """
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},
             "paths":{"/api/mind/thing/{id}":{"get":{
               "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"integer"}}],
               "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
             "components":{"schemas":{"Thing":{"type":"object","required":["id"],
               "properties":{"id":{"type":"integer"},"name":{"type":"string"},"note":{"type":["string","null"]},
                 "inner":{"anyOf":[{"$ref":"#/components/schemas/Inner"},{"type":"null"}]}}},
               "Inner":{"type":"object","required":["x"],"properties":{"x":{"type":"integer"}}}}}}
            """;

    /** What /api/mind/thing/{id} answers, by id. */
    private static final Map<String, String> ANSWERS = Map.of(
            "1", "{\"id\":1,\"name\":\"one\"}",
            "2", "{\"id\":\"two\",\"name\":\"two\"}",
            "3", "{\"name\":\"no id\"}",
            "4", "{\"id\":4,\"name\":null}",
            "5", "{\"id\":5,\"note\":null}",
            "6", "{\"id\":6,\"inner\":null}",
            "7", "{\"id\":7,\"inner\":{\"x\":7}}",
            "8", "{\"id\":8,\"inner\":{\"x\":\"eight\"}}");

    private static HttpServer server;
    private static ResponseContract contract;
    private static String base;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/q/openapi", exchange -> answer(exchange, 200, DOCUMENT));
        server.createContext("/q/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\",\"anything\":[1]}"));
        server.createContext("/api/mind/thing/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/mind/thing/".length());
            answer(exchange, 200, ANSWERS.getOrDefault(id, "{\"id\":0}"));
        });
        server.start();
        base = "http://localhost:" + server.getAddress().getPort();
        contract = new ResponseContract(() -> base);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @AfterEach
    void on() {
        ResponseContract.activate(true);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void aMatchingResponsePasses() {
        given().baseUri(base).filter(contract).get("/api/mind/thing/1").then().statusCode(200);
    }

    @Test
    void aWrongTypeFails() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> given().baseUri(base).filter(contract).get("/api/mind/thing/2"));
        assertTrue(failure.getMessage().contains("GET " + base + "/api/mind/thing/2 (200)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("/id"), failure.getMessage());
    }

    @Test
    void aMissingRequiredPropertyFails() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> given().baseUri(base).filter(contract).get("/api/mind/thing/3"));
        assertTrue(failure.getMessage().contains("id"), failure.getMessage());
    }

    @Test
    void nullFailsWhereTheDocumentSaysStringAndPassesWhereItAdmitsNull() {
        assertThrows(AssertionError.class, () -> given().baseUri(base).filter(contract).get("/api/mind/thing/4"));
        given().baseUri(base).filter(contract).get("/api/mind/thing/5").then().statusCode(200);
    }

    @Test
    void aSharedSchemaThatMayBeNullIsCheckedWhenItIsNot() {
        given().baseUri(base).filter(contract).get("/api/mind/thing/6").then().statusCode(200);
        given().baseUri(base).filter(contract).get("/api/mind/thing/7").then().statusCode(200);
        assertThrows(AssertionError.class, () -> given().baseUri(base).filter(contract).get("/api/mind/thing/8"));
    }

    @Test
    void aPathTheDocumentDoesNotHoldIsNotChecked() {
        given().baseUri(base).filter(contract).get("/q/health").then().statusCode(200);
    }

    @Test
    void aWrongRequestIsNotItsBusiness() {
        // the path parameter is not an integer: a request error, ignored; the response still matches
        given().baseUri(base).filter(contract).get("/api/mind/thing/x").then().statusCode(200);
    }

    @Test
    void anotherServerIsNotChecked() {
        ResponseContract elsewhere = new ResponseContract(() -> "http://localhost:1");
        assertEquals(200, given().baseUri(base).filter(elsewhere).get("/api/mind/thing/2").statusCode());
    }

    @Test
    void switchedOffItChecksNothing() {
        ResponseContract.activate(false);
        given().baseUri(base).filter(contract).get("/api/mind/thing/2").then().statusCode(200);
    }

    @Test
    void optingOutIsReadFromTheMethodAndTheClass() throws NoSuchMethodException {
        assertTrue(ResponseContractCallback.optedOut(OptedOut.class, Object.class.getMethod("toString")));
        assertTrue(ResponseContractCallback.optedOut(Object.class, OptedOut.class.getMethod("off")));
        assertEquals(false, ResponseContractCallback.optedOut(ResponseContractTest.class, Object.class.getMethod("toString")));
    }

    @WithoutResponseContract("a sample for the test above")
    static class OptedOut {
        @WithoutResponseContract("a sample for the test above")
        public void off() {
        }
    }
}
