package mind.ticket.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Real database and JSON failures, provoked through the test-only resources in
 * {@code mind.ticket.support}, leave through the one error shape with the status that says what
 * they are, however deeply they arrive wrapped.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class FailureMappingTest {

    @Inject
    AgroalDataSource dataSource;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureErrorLog() {
        Logger.getLogger("mind.common.error.ErrorMappers").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("mind.common.error.ErrorMappers").removeHandler(capture);
    }

    private static int createTicket(String externalTicketId) {
        return given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"externalTicketId\":\"" + externalTicketId + "\"}")
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
    }

    @Test
    void uniqueViolationAtCommitIs409NamingTheField() {
        String taken = "ext-" + UUID.randomUUID();
        createTicket(taken);
        int other = createTicket("ext-" + UUID.randomUUID());

        given().post("/api/mind/test-support/db/tickets/" + other + "/externalTicketId/" + taken)
                .then().statusCode(409)
                .body("success", is(false))
                .body("code", equalTo("duplicate"))
                .body("details[0].field", equalTo("externalTicketId"))
                .body("error", not(containsString("ticket_external_ticket_id")))
                .body("error", not(containsString(taken)));
    }

    @Test
    void lostOptimisticLockRaceIs409AndWithIfMatch412() {
        int id = createTicket("ext-" + UUID.randomUUID());
        given().post("/api/mind/test-support/db/tickets/" + id + "/staleWrite")
                .then().statusCode(409)
                .body("success", is(false))
                .body("code", equalTo("version_conflict"));
        given().header("If-Match", "\"0\"").post("/api/mind/test-support/db/tickets/" + id + "/staleWrite")
                .then().statusCode(412)
                .body("success", is(false))
                .body("code", equalTo("precondition_failed"));
    }

    @Test
    void lockTimeoutIs503WithRetryAfter() throws Exception {
        int id = createTicket("ext-" + UUID.randomUUID());
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from ticket.ticket where id = ? for update")) {
                lock.setLong(1, id);
                lock.executeQuery().close();
            }
            given().post("/api/mind/test-support/db/tickets/" + id + "/lock")
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("success", is(false))
                    .body("code", equalTo("database_busy"));
            holder.rollback();
        }
        // with the lock released the same request goes through
        given().post("/api/mind/test-support/db/tickets/" + id + "/lock").then().statusCode(200);
    }

    @Test
    void statementTimeoutIs503WithRetryAfter() {
        given().post("/api/mind/test-support/db/slowStatement")
                .then().statusCode(503)
                .header("Retry-After", equalTo("2"))
                .body("code", equalTo("database_busy"))
                .body("error", not(containsString("pg_sleep")));
    }

    @Test
    void aResponseTypeJacksonCannotHandleIs500WithCorrelationIdNever400() {
        assertServerBug(given().get("/api/mind/test-support/json/conflictingProperties"));
    }

    @Test
    void aFailureWhileWritingTheResponseIs500() {
        assertServerBug(given().get("/api/mind/test-support/json/failingGetter"));
    }

    @Test
    void aRequestTypeJacksonCannotConstructIs500() {
        assertServerBug(given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").post("/api/mind/test-support/json/noCreator"));
    }

    @Test
    void theClientsOwnBadJsonStaysA400() {
        given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"subchannelId\":\"two\"}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("subchannelId"));
    }

    private void assertServerBug(Response response) {
        response.then().statusCode(500)
                .body("success", is(false))
                .body("code", equalTo("internal_error"))
                .body("correlationId", notNullValue())
                .body("error", not(containsString("Jackson")))
                .body("error", not(containsString("select")));
        String correlationId = response.path("correlationId");
        assertEquals(correlationId, response.header("X-Correlation-Id"));
        assertTrue(errors.stream().anyMatch(r -> String.valueOf(r.getMessage()).contains(correlationId)
                || formatted(r).contains(correlationId)), "the correlation id is logged as an error");
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null ? "" : java.util.Arrays.toString(parameters);
    }
}
