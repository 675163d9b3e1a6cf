package mind.ticket.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** Creating and upserting a ticket leave their events in the log, with actor; the log is written only inside a change's transaction. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketEventLogTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TicketEvents events;

    @Test
    void createAndUpsertAreRecordedWithTheirActor() throws Exception {
        String external = "EXT-" + UUID.randomUUID();
        String body = "{\"channel\":\"email\",\"externalTicketId\":\"" + external + "\"}";
        int id = given().header("Authorization", TestTokens.agent(41)).contentType(ContentType.JSON).body(body)
                .post("/api/mind/ticket?process=false").then().statusCode(200).extract().path("id");
        given().header("Authorization", TestTokens.agent(42)).contentType(ContentType.JSON).body(body)
                .post("/api/mind/ticket").then().statusCode(200);

        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select type, actor_id, data->>'process', technical from ticket_event where ticket_id = ? order by id")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    assertFalse(r.getBoolean(4));
                    rows.add(r.getString(1) + "/" + r.getString(2) + "/" + r.getString(3));
                }
            }
        }
        assertEquals(List.of("created/41/off", "upserted/42/null"), rows);
    }

    @Test
    void anEventOutsideATransactionIsRefused() {
        // an event without its change would be a log of things that did not happen
        org.junit.jupiter.api.Assertions.assertThrows(TransactionalException.class,
                () -> events.record(1, "created", "1", Map.of()));
    }
}
