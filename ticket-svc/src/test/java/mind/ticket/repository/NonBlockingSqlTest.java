package mind.ticket.repository;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Tuple;
import mind.common.error.ApiException;
import mind.common.error.KnownFailures;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * GET /ticket/{id} reads through the non-blocking pool: it connects with the service's schema and statement
 * timeout, its failures are answered as the JDBC read's (503 with Retry-After, never 500), and it recovers by
 * itself when PostgreSQL drops its connections (a database restart or failover).
 */
@QuarkusTest
@TestProfile(NonBlockingSqlTest.ShortStatements.class)
@WithTestResource(MindTestResource.class)
class NonBlockingSqlTest {

    public static class ShortStatements implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // one connection, and a wait for one shorter than the four sleeps of the pipelining test together
            return Map.of("mind.db.statement-timeout", "500ms", "mind.nonblocking-sql.max-size", "1",
                    "quarkus.datasource.jdbc.acquisition-timeout", "250ms");
        }
    }

    @Inject
    NonBlockingSql reads;

    @Inject
    AgroalDataSource dataSource;

    private long ticket() {
        int id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"subject\":\"reactive\"}").post("/api/mind/ticket")
                .then().statusCode(200).extract().path("id");
        return id;
    }

    @Test
    void readsTheServicesSchemaUnderItsStatementTimeout() {
        String[] settings = reads.query("select current_setting('search_path'), current_setting('statement_timeout')",
                Tuple.tuple(), rows -> {
                    var row = rows.iterator().next();
                    return new String[] { row.getString(0), row.getString(1) };
                }).await().atMost(Duration.ofSeconds(10));
        assertEquals("ticket", settings[0]);
        assertEquals("500ms", settings[1]);
    }

    @Test
    void aStatementOverItsTimeoutIs503DatabaseBusy() {
        Throwable failure = reads.query("select pg_sleep(5)", Tuple.tuple(), rows -> rows.size())
                .onItem().transform(size -> (Throwable) null)
                .onFailure().recoverWithItem(f -> f)
                .await().atMost(Duration.ofSeconds(10));
        SQLException sql = assertInstanceOf(SQLException.class, failure);
        assertEquals("57014", sql.getSQLState());
        ApiException answer = KnownFailures.classify(failure, false).orElseThrow();
        assertEquals(503, answer.status());
        assertEquals(KnownFailures.DATABASE_BUSY, answer.code());
    }

    /**
     * Statements are pipelined: with one connection, four statements of 150 ms sent at once all go down it and are
     * answered in turn, each by the same backend. A pool that lends each statement the connection alone would make
     * the third and fourth wait longer than the 250 ms it may wait for one and fail them (503).
     */
    @Test
    void statementsArePipelinedOnOneConnection() {
        List<Uni<Integer>> sleeps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sleeps.add(reads.query("select pg_backend_pid() from pg_sleep(0.15)", Tuple.tuple(),
                    rows -> rows.iterator().next().getInteger(0)));
        }
        List<Integer> backends = Uni.join().all(sleeps).andFailFast().await().atMost(Duration.ofSeconds(10));
        assertEquals(4, backends.size());
        assertEquals(1, new HashSet<>(backends).size(), "one connection carried them all: " + backends);
    }

    @Test
    void aDatabaseItCannotReachIs503DatabaseUnavailable() {
        ApiException answer = KnownFailures.classify(
                NonBlockingSql.translate(new io.vertx.core.VertxException("Connection refused")), false).orElseThrow();
        assertEquals(503, answer.status());
        assertEquals(KnownFailures.DATABASE_UNAVAILABLE, answer.code());
        assertTrue(answer.getMessage().contains("retry"), answer.getMessage());
    }

    /** Arguments that do not fit a statement are a bug to see (500 with a correlation id), not an outage to retry. */
    @Test
    void argumentsThatDoNotFitAreAFailureNotAnOutage() {
        Throwable failure = reads.query("select cast($1 as int)", Tuple.of("not a number"), rows -> rows.size())
                .onItem().transform(size -> (Throwable) null)
                .onFailure().recoverWithItem(f -> f)
                .await().atMost(Duration.ofSeconds(10));
        IllegalStateException bug = assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(bug.getMessage().contains("can not be coerced"), bug.getMessage());
        assertTrue(KnownFailures.classify(failure, false).isEmpty(), "no 503 for it");
    }

    @Test
    void theGetRecoversWhenPostgresDropsThePoolsConnections() throws Exception {
        long id = ticket();
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id)
                .then().statusCode(200).body("subject", equalTo("reactive"));
        int killed;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where application_name = 'ticket non-blocking') t")) {
            rs.next();
            killed = rs.getInt(1);
        }
        assertTrue(killed >= 1, "the GET's pool had no connection open");
        // a request on a connection that was just dropped may fail, but only as a 503 the client may retry
        for (int i = 0; i < 3; i++) {
            int status = given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id)
                    .then().extract().statusCode();
            assertTrue(status == 200 || status == 503, "status " + status);
        }
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id)
                .then().statusCode(200).body("subject", equalTo("reactive"));
    }
}
