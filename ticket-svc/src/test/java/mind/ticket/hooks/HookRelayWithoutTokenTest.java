package mind.ticket.hooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Without a service token the relay cannot ask settings-svc (none runs here: any call would fail and keep the horizon):
 * it sends nothing and moves the horizon on, so a token set later does not replay old events.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class HookRelayWithoutTokenTest {

    @Inject
    HookRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutATokenNothingIsSentAndTheHorizonMovesOn() throws Exception {
        long ticket = ((Number) given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\"}").post("/api/mind/ticket").then().statusCode(200).extract().path("id"))
                .longValue();
        long tx = queryLong("select cast(tx as text) from ticket_event where ticket_id = " + ticket + " and type = 'created'");

        assertEquals(HookRelay.Relayed.NOTHING, relay.relay());

        assertTrue(queryLong("select cast(horizon as text) from hook_relay where name = 'ticket-events'") > tx,
                "the horizon moved past the new ticket's event");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return Long.parseLong(rs.getString(1));
        }
    }
}
