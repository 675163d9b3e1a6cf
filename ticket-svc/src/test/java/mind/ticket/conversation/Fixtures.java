package mind.ticket.conversation;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.TestTokens;

/** Tickets and requests for the conversation tests; every address is unique to its test. */
final class Fixtures {

    static final String AGENT = TestTokens.agent(7);

    private Fixtures() {
    }

    static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    /** An open inbound email ticket from {@code from}; its id. */
    static long emailTicket(String from, String subject) {
        return ((Number) given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"from\":\"" + from + "\",\"subject\":\"" + subject
                        + "\",\"body\":\"<p>My meter reads 4711.</p>\",\"cc\":[],\"to\":[\"support@mind.local\"]}")
                .post("/api/mind/ticket?process=false").then().statusCode(200).extract().path("id")).longValue();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }

    static String base(long ticketId) {
        return "/api/mind/ticket/" + ticketId;
    }

    /** The ticket's event types, oldest first. */
    static List<String> events(DataSource db, long ticketId) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select type from ticket.ticket_event where ticket_id = ? order by id")) {
            s.setLong(1, ticketId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    types.add(r.getString(1));
                }
            }
        }
        return types;
    }

    static long count(DataSource db, String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
