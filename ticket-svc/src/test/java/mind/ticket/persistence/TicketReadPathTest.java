package mind.ticket.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.error.ApiException;
import mind.common.persistence.Versioned;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.api.TicketView;
import mind.ticket.domain.Ticket;
import mind.ticket.search.StatementCounter;
import mind.ticket.service.TagDirectory;
import mind.ticket.service.TicketService;

/**
 * GET /ticket/{id} reads its view from one SELECT of the row through the non-blocking client, without
 * Hibernate: no entity is loaded, no session statement runs, and the answer is the one the entity gives, to
 * the byte.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketReadPathTest {

    @Inject
    TicketService service;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    TagDirectory tags;

    /** A ticket with every column the view shows filled, JSON columns with numbers of every kind. */
    private long fullTicket() throws Exception {
        int id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("""
                        {"channel":"email","direction":"out","status":"closed","priority":"high",
                         "from":"a@example.com","fromName":"A","to":["b@example.com","c@example.com"],
                         "cc":["d@example.com"],"bcc":["e@example.com"],"subchannelId":4,
                         "externalTicketId":"read-path-%d","agentId":12,"contractId":"K1","customerId":"C1",
                         "subject":"Grüße","body":"<p>one</p><p>two</p>","tags":[9,3],
                         "attachments":[{"name":"a.pdf","url":"https://files.example.com/a.pdf"}],
                         "rawData":{"n":1.50,"big":12345678901234567890,"i":7,"neg":-3e-7,
                                    "nested":{"a":[1,2.5,null,true,"ü"]}},
                         "createdAt":"2024-02-29 23:59:58","dueBy":"2030-01-01T10:00:00.123456Z",
                         "firstResponseDueBy":1900000000}
                        """.formatted(System.nanoTime()))
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update ticket set additional_data = ?::jsonb, "
                        + "spam_status = 'manual_clean', summary = 'sum', sentiment = 'neutral', language = 'German', "
                        + "language_code = 'de', is_escalated = true, assigned_agent_ids = '{5,8}', "
                        + "customer_legitimation = 2, intent_id = 77, modified_at = '2025-06-01 12:00:00.5+02', "
                        + "version = 3 where id = ?")) {
            update.setString(1, "{\"z\":1,\"a\":{\"deep\":[1,\"two\",{\"x\":null}]},\"f\":0.1,\"l\":9007199254740993}");
            update.setLong(2, id);
            assertEquals(1, update.executeUpdate());
        }
        return id;
    }

    private TicketView fromEntity(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Ticket ticket = em.find(Ticket.class, id);
            return TicketView.of(ticket, tags.refs(ticket.tagIds));
        });
    }

    private Versioned<TicketView> read(long id) {
        return service.get(id).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theRowReadGivesTheViewTheEntityGives() throws Exception {
        long id = fullTicket();
        Versioned<TicketView> read = read(id);
        TicketView expected = fromEntity(id);
        assertEquals(expected, read.value());
        assertEquals(3, read.version());
        assertEquals(json.writeValueAsString(expected), json.writeValueAsString(read.value()));
    }

    @Test
    void aTicketWithEveryOptionalColumnEmptyReadsAsTheEntity() throws Exception {
        int id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"phone\"}").post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update ticket set tag_ids = '{}', raw_data = null, "
                        + "subchannel_id = null, agent_id = null where id = ?")) {
            update.setLong(1, id);
            assertEquals(1, update.executeUpdate());
        }
        assertEquals(fromEntity(id), read(id).value());
    }

    @Test
    void aMissingTicketIs404() {
        ApiException missing = assertThrows(ApiException.class, () -> read(Long.MAX_VALUE));
        assertEquals(404, missing.status());
    }

    @Test
    void theAnswerIsTheEntitysViewToTheByteWithItsVersionAsETag() throws Exception {
        long id = fullTicket();
        Response response = given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id);
        response.then().statusCode(200).header("ETag", equalTo("\"3\""));
        assertEquals(json.writeValueAsString(fromEntity(id)), response.asString());
    }

    @Test
    void aGetRunsNoHibernateStatementAndLoadsNoEntity() throws Exception {
        long id = fullTicket();
        StatementCounter.start();
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id)
                .then().statusCode(200).body("subject", equalTo("Grüße"));
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + (id + 1_000_000))
                .then().statusCode(404);
        List<String> statements = StatementCounter.statements();
        // an entity load (em.find, a Panache finder, a JPQL query) would be prepared by Hibernate and seen here
        assertTrue(statements.isEmpty(), () -> "statements through Hibernate: " + statements);
    }
}
