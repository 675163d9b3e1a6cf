package mind.ticket.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * With every pooled JDBC connection taken, a request is 503 with Retry-After, not a 500. (GET /ticket/{id} reads
 * and POST /ticket writes a new ticket through their own non-blocking pool, see NonBlockingSqlTest; the activity
 * log reads through JDBC.)
 */
@QuarkusTest
@TestProfile(PoolExhaustionTest.SmallPool.class)
@WithTestResource(MindTestResource.class)
class PoolExhaustionTest {

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Flyway's start-up run holds several at once, and common's migrations (its callback) two more
            // every connection made at start and kept: the short acquisition timeout is for waiting on a taken
            // one, not for PostgreSQL to start a new backend on a busy machine
            return Map.of("quarkus.datasource.jdbc.max-size", Integer.toString(POOL_SIZE),
                    "quarkus.datasource.jdbc.initial-size", Integer.toString(POOL_SIZE),
                    "quarkus.datasource.jdbc.min-size", Integer.toString(POOL_SIZE),
                    "quarkus.datasource.jdbc.acquisition-timeout", "0.2S");
        }
    }

    static final int POOL_SIZE = 5;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void exhaustedPoolIs503WithRetryAfter() throws Exception {
        int id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\"}").post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                held.add(dataSource.getConnection());
            }
            given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id + "/activity")
                    .then().statusCode(503)
                    .header("Retry-After", equalTo("2"))
                    .body("success", is(false))
                    .body("code", equalTo("database_unavailable"));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id + "/activity").then().statusCode(200);
    }

    /**
     * A new ticket is written on the event loop through the non-blocking pool: it needs no JDBC connection (nor a
     * worker thread). An upsert, a request with an Idempotency-Key and a large request (over 32 KB) do, and wait for
     * one.
     */
    @Test
    void aNewTicketNeedsNoJdbcConnection() throws Exception {
        List<Connection> held = new ArrayList<>();
        int id;
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                held.add(dataSource.getConnection());
            }
            id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                    .body("{\"channel\":\"email\",\"subject\":\"pool taken\",\"body\":\"<p>hi</p>\"}")
                    .post("/api/mind/ticket").then().statusCode(200).body("bodyPlain", equalTo("hi")).extract().path("id");
            given().header("Authorization", TestTokens.agent(7)).header("Idempotency-Key", "pool-" + System.nanoTime())
                    .contentType(ContentType.JSON).body("{\"channel\":\"email\"}").post("/api/mind/ticket")
                    .then().statusCode(503).body("code", equalTo("database_unavailable"));
            given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                    .body("{\"channel\":\"email\",\"externalTicketId\":\"pool-" + System.nanoTime() + "\"}")
                    .post("/api/mind/ticket").then().statusCode(503).body("code", equalTo("database_unavailable"));
            given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                    .body("{\"channel\":\"email\",\"body\":\"<p>" + "large ".repeat(6000) + "</p>\"}")
                    .post("/api/mind/ticket").then().statusCode(503).body("code", equalTo("database_unavailable"));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id).then().statusCode(200)
                .body("subject", equalTo("pool taken"));
    }
}
