package mind.ticket.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.ServiceBoundary;
import mind.common.testing.TestTokens;
import mind.ticket.domain.Ticket;
import mind.ticket.service.TicketService;
import mind.ticket.support.ReadOnlyProbe;

/**
 * Views are built inside the service, reads run on a read-only session, and tags are an array
 * column of the ticket row (no EAGER collection).
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ReadOnlyViewsTest {

    @Inject
    ReadOnlyProbe probe;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    private static int create(String body) {
        return given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(body)
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
    }

    @Test
    void tagsRoundTripSortedAndWithoutDuplicates() {
        int id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"tags\":[54,3,54]}").post("/api/mind/ticket")
                .then().statusCode(200)
                .body("tagIds", contains(3, 54))
                .extract().path("id");
        given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/" + id)
                .then().statusCode(200)
                .body("tagIds", contains(3, 54))
                .body("tags.id", contains(3, 54));
    }

    @Test
    void tagsAreAnIndexedArrayColumnAndTheTagTableIsGone() throws Exception {
        int id = create("{\"channel\":\"chat\",\"tags\":[7,1]}");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select tag_ids from ticket.ticket where id = " + id)) {
                rs.next();
                Array tags = rs.getArray(1);
                assertEquals("int8", tags.getBaseTypeName());
                assertEquals(Arrays.asList(1L, 7L), Arrays.asList((Long[]) tags.getArray()));
            }
            try (ResultSet rs = s.executeQuery("select to_regclass('ticket.ticket_tag')")) {
                rs.next();
                assertNull(rs.getString(1), "ticket_tag is dropped");
            }
            try (ResultSet rs = s.executeQuery("select indexdef from pg_indexes where schemaname = 'ticket' "
                    + "and indexname = 'ticket_tag_ids'")) {
                assertTrue(rs.next(), "GIN index on tag_ids");
                assertTrue(rs.getString(1).contains("USING gin (tag_ids)"), rs.getString(1));
            }
        }
    }

    @Test
    void migrationMovesExistingTagRowsIntoTheArray() throws Exception {
        String schema = "ticket_v1_" + UUID.randomUUID().toString().substring(0, 8);
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // names qualified, never "set search_path": the pooled connection goes back to the application afterwards
            s.execute("insert into " + schema + ".ticket (direction, channel, status, priority, interface, ai_support_level, "
                    + "created_at) values ('in', 'email', 'open', 'low', 'internal', 'human', now()), "
                    + "('in', 'email', 'open', 'low', 'internal', 'human', now())");
            s.execute("insert into " + schema + ".ticket_tag (ticket_id, tag_id) select min(id), t from " + schema
                    + ".ticket, unnest(array[9, 2, 5]) t group by t");
        }
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select tag_ids from " + schema + ".ticket order by id")) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(Arrays.asList(2L, 5L, 9L), Arrays.asList((Long[]) rs.getArray(1).getArray()));
                rs.next();
                assertEquals(Arrays.asList(), Arrays.asList((Long[]) rs.getArray(1).getArray()));
            }
            c.createStatement().execute("drop schema " + schema + " cascade");
        }
    }

    @Test
    void readsRunOnAReadOnlySessionAndWriteNothing() {
        int id = create("{\"channel\":\"email\",\"subject\":\"kept\"}");
        assertTrue(probe.loadAndChange(id, "lost"), "outside a transaction the read is read-only");
        given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/" + id)
                .then().statusCode(200).body("subject", equalTo("kept"));
    }

    @Test
    void aReadInsideAWriteJoinsItsSessionUnchanged() {
        int id = create("{\"channel\":\"email\",\"subject\":\"before\"}");
        boolean readOnly = QuarkusTransaction.requiringNew().call(() -> probe.loadAndChange(id, "after"));
        assertFalse(readOnly, "the writer's session stays writable");
        String subject = QuarkusTransaction.requiringNew().call(() -> em.find(Ticket.class, (long) id).subject);
        assertEquals("after", subject);
    }

    @Test
    void serviceMethodsReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(TicketService.class);
    }
}
