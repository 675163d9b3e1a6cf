package mind.ticket.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * /q/metrics in Prometheus format: the domain counter of created tickets (counted on commit, an
 * upsert of an existing ticket not counted), HTTP server timings and the datasource pool.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketMetricsTest {

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double created(String metrics, String channel) {
        Matcher m = Pattern.compile("^mind_tickets_created_total\\{[^}]*channel=\"" + channel + "\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void post(String body) {
        given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(body)
                .post("/api/mind/ticket").then().statusCode(200);
    }

    @Test
    void countsCreatedTicketsByChannelButNotUpserts() {
        double before = created(metrics(), "phone");
        String external = "metrics-" + UUID.randomUUID();
        post("{\"channel\":\"phone\",\"externalTicketId\":\"" + external + "\"}");
        post("{\"channel\":\"phone\",\"externalTicketId\":\"" + external + "\",\"subject\":\"again\"}");
        assertEquals(before + 1, created(metrics(), "phone"), 0.0001);
    }

    @Test
    void exportsHttpServerAndDatasourcePoolMetrics() {
        post("{\"channel\":\"email\"}");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                // the route's template below the REST root, as every route of the service is counted (a bare
                // "/api/mind/ticket" appeared only when another test's request failed before the REST layer)
                .body(containsString("method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/ticket\"}"))
                .body(containsString("agroal_active_count"))
                .body(containsString("agroal_max_used_count"));
    }

    /** The non-blocking client of GET /ticket/{id} and new tickets: its statements and its pool, under its name. */
    @Test
    void exportsTheNonBlockingClientsMetricsUnderItsName() {
        post("{\"channel\":\"email\"}");
        String metrics = metrics();
        Matcher completed = Pattern.compile("^sql_completed_total\\{[^}]*clientName=\"ticket-non-blocking\"[^}]*} ([0-9.E]+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertTrue(completed.find(), "no sql_completed_total of the non-blocking client");
        assertTrue(Double.parseDouble(completed.group(1)) >= 1, completed.group());
        assertTrue(metrics.contains("sql_pool_usage_seconds_count{pool_name=\"ticket-non-blocking\""), "its pool");
        assertFalse(metrics.contains("\nm__"), "an unnamed client's meters");
    }
}
