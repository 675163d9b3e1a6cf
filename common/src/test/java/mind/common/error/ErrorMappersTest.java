package mind.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void everyStatusLeavesInTheOneShape() {
        for (int status : new int[] { 400, 404, 409, 412, 422 }) {
            Response response = mappers.api(new ApiException(status, "code_" + status, "message " + status));
            assertEquals(status, response.getStatus());
            ApiError body = (ApiError) response.getEntity();
            assertEquals(false, body.success());
            assertEquals("code_" + status, body.code());
            assertEquals("message " + status, body.error());
            assertEquals(List.of(), body.details());
        }
    }

    @Test
    void unavailableCarriesRetryAfter() {
        Response response = mappers.api(ApiException.unavailable("ticket-svc is down", 5));
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals("dependency_unavailable", ((ApiError) response.getEntity()).code());
    }

    @Test
    void invalidFieldNamesTheField() {
        ApiError body = (ApiError) mappers.api(ApiException.invalidField("limit", "must be between 1 and 1000")).getEntity();
        assertEquals(List.of(new FieldError("limit", "must be between 1 and 1000")), body.details());
    }

    @Test
    void unexpectedFailuresHideTheirCauseBehindACorrelationId() {
        Response response = mappers.unexpected(new IllegalStateException("SELECT secret FROM users"));
        ApiError body = (ApiError) response.getEntity();
        assertEquals(500, response.getStatus());
        assertNotNull(body.correlationId());
        assertEquals(body.correlationId(), response.getHeaderString("X-Correlation-Id"));
        assertEquals(false, body.error().contains("SELECT"));
        assertEquals(List.of(), body.details());
    }

    @Test
    void malformedJsonNeverQuotesTheBodysText() {
        // a secret sent without quotes is a word the parser does not know, and Jackson quotes such a word whole
        for (String body : List.of("{\"password\":sk_live_4711secret}", "{\"apiKey\": sk_live_4711secret ]", "sk_live_4711secret")) {
            com.fasterxml.jackson.core.JsonParseException e = org.junit.jupiter.api.Assertions.assertThrows(
                    com.fasterxml.jackson.core.JsonParseException.class,
                    () -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
            assertEquals(true, e.getOriginalMessage().contains("sk_live_4711secret"), "Jackson quotes it: " + e.getOriginalMessage());
            for (Response response : List.of(mappers.malformedJson(e, null), mappers.jsonProcessing(e, null))) {
                ApiError error = (ApiError) response.getEntity();
                assertEquals(400, response.getStatus());
                assertEquals("malformed_json", error.code());
                assertEquals(false, error.error().contains("4711"), error.error());
                assertEquals(true, error.error().startsWith("Malformed JSON: Unrecognized token: was expecting"), error.error());
            }
        }
        com.fasterxml.jackson.core.exc.InputCoercionException range = org.junit.jupiter.api.Assertions.assertThrows(
                com.fasterxml.jackson.core.exc.InputCoercionException.class, () -> {
                    try (var parser = new com.fasterxml.jackson.core.JsonFactory().createParser("123456789012345678901")) {
                        parser.nextToken();
                        parser.getIntValue();
                    }
                });
        String message = ((ApiError) mappers.jsonProcessing(range, null).getEntity()).error();
        assertEquals(false, message.contains("123456789012345678901"), message);
        assertEquals(true, message.startsWith("Malformed JSON: Numeric value out of range of int"), message);
    }

    @Test
    void unauthenticatedAsksForABearerToken() {
        Response response = ErrorMappers.unauthenticated();
        assertEquals(401, response.getStatus());
        assertEquals("Bearer", response.getHeaderString("WWW-Authenticate"));
        assertEquals("unauthorized", ((ApiError) response.getEntity()).code());
    }

    @Test
    void aClientThatLeftIsNotAServerFailure() {
        Response gone = mappers.io(new java.io.IOException(new java.io.IOException(new java.nio.channels.ClosedChannelException())));
        assertEquals(400, gone.getStatus());
        assertEquals("client_closed", ((ApiError) gone.getEntity()).code());
        Response disk = mappers.io(new java.io.IOException("disk full"));
        assertEquals(500, disk.getStatus());
    }

    @Test
    void anUnreachableOrSaturatedDatabaseIs503() {
        Response down = mappers.unexpected(new org.hibernate.exception.JDBCConnectionException("connect",
                new java.sql.SQLException("Connection refused", "08001")), null);
        assertEquals(503, down.getStatus());
        assertEquals("2", down.getHeaderString("Retry-After"));
        Response transientPool = mappers.unexpected(new org.hibernate.exception.GenericJDBCException("Unable to acquire JDBC Connection",
                new java.sql.SQLTransientConnectionException("pool empty")), null);
        assertEquals(503, transientPool.getStatus());
        Response bug = mappers.unexpected(new org.hibernate.exception.SQLGrammarException("bad",
                new java.sql.SQLException("syntax error", "42601")), null);
        assertEquals(500, bug.getStatus());
    }

    @Test
    void aPlainSqlExceptionIsNotTakenForPoolExhaustionByItsMessage() {
        // Agroal's wording, but not thrown by Agroal: the message alone decides nothing
        Response response = mappers.unexpected(new java.sql.SQLException("Sorry, acquisition timeout!"), null);
        assertEquals(500, response.getStatus());
    }

    @Test
    void wrappedFailuresAreMappedByWhatTheyAre() {
        Throwable lost = new RuntimeException("commit failed", new jakarta.transaction.RollbackException("rolled back") {
            {
                initCause(new jakarta.persistence.OptimisticLockException(new org.hibernate.StaleObjectStateException("Ticket", 1L)));
            }
        });
        Response conflict = mappers.unexpected(lost, null);
        assertEquals(409, conflict.getStatus());
        assertEquals("version_conflict", ((ApiError) conflict.getEntity()).code());

        Throwable timeout = new jakarta.persistence.PersistenceException(
                new org.hibernate.exception.LockTimeoutException("lock", new java.sql.SQLException("canceling", "55P03")));
        Response busy = mappers.unexpected(timeout, null);
        assertEquals(503, busy.getStatus());
        assertEquals("2", busy.getHeaderString("Retry-After"));
        assertEquals("database_busy", ((ApiError) busy.getEntity()).code());

        Response duplicate = mappers.unexpected(new jakarta.persistence.PersistenceException(
                new java.sql.SQLException("duplicate key", "23505")), null);
        assertEquals(409, duplicate.getStatus());
        assertEquals("duplicate", ((ApiError) duplicate.getEntity()).code());
    }

    @Test
    void uniqueViolationsNameTheApiField() {
        assertEquals(List.of("externalTicketId"),
                KnownFailures.uniqueFields("Key (external_ticket_id)=(ext-1) already exists.", "ticket_external_ticket_id", "ticket"));
        assertEquals(List.of("scope", "idemKey"),
                KnownFailures.uniqueFields("Key (scope, idem_key)=(7, abc) already exists.", null, null));
        assertEquals(List.of("slug"), KnownFailures.uniqueFields(null, "ai_agent_slug_key", "ai_agent"));
        assertEquals(List.of(), KnownFailures.uniqueFields("Key (lower(name))=(x) already exists.", null, null));
    }
}
