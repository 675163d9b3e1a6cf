package mind.ticket.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.RoutingContext;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * A JSON body with a declared length is read whole before the REST layer runs (common's BodyLimit), so a
 * blocking endpoint takes it from memory instead of reading it on its worker thread chunk by chunk.
 * The probe filter below looks at the routing context the REST layer reads the body from.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class BodyReadAheadTest {

    static final String PROBE = "X-Body-Probe";
    static final Map<String, Boolean> BODY_IN_CONTEXT = new ConcurrentHashMap<>();

    @TestHTTPResource("/api/mind/ticket")
    URL tickets;

    /** Records, for requests carrying the probe header only, whether the body was already read. */
    public static class Probe {
        @ServerRequestFilter
        public void look(RoutingContext rc) {
            String probe = rc.request().getHeader(PROBE);
            if (probe != null) {
                BODY_IN_CONTEXT.put(probe, rc.body().buffer() != null);
            }
        }
    }

    @Test
    void aJsonBodyIsInTheRoutingContextBeforeTheEndpointRuns() {
        given().header("Authorization", TestTokens.agent(7)).header(PROBE, "json")
                .contentType("application/json")
                .body("{\"channel\":\"email\",\"subject\":\"read ahead\"}")
                .when().post("/api/mind/ticket")
                .then().statusCode(200).body("subject", equalTo("read ahead"));
        assertEquals(Boolean.TRUE, BODY_IN_CONTEXT.get("json"));
    }

    /** Over HTTP/2 (a client's h2c upgrade) the body is left to the REST layer, which reads it as before. */
    @Test
    void aJsonBodyOverHttp2IsServed() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) { // the first request upgrades the connection, the next ones are HTTP/2 streams
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tickets.toString()))
                    .header("Authorization", TestTokens.agent(7)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"email\",\"subject\":\"over h2 " + i + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            if (i > 0) {
                assertEquals(HttpClient.Version.HTTP_2, answer.version(), "the connection was upgraded");
            }
        }
    }

    @Test
    void aBodilessRequestIsNotHeldUp() {
        given().header("Authorization", TestTokens.agent(7)).header(PROBE, "none")
                .when().get("/api/mind/ticket/999999999")
                .then().statusCode(404);
        assertEquals(Boolean.FALSE, BODY_IN_CONTEXT.get("none"));
    }
}
