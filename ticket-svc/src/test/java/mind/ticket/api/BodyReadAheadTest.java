package mind.ticket.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
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

    @Test
    void aBodilessRequestIsNotHeldUp() {
        given().header("Authorization", TestTokens.agent(7)).header(PROBE, "none")
                .when().get("/api/mind/ticket/999999999")
                .then().statusCode(404);
        assertEquals(Boolean.FALSE, BODY_IN_CONTEXT.get("none"));
    }
}
