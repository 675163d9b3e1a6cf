package mind.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * settings-svc's routing preview ({@code GET /profile/{id}/routing}) against the real work queue of ticket-svc: a
 * ticket one agent claimed through {@code getLatest} is named as claimed for every other agent, and is still the
 * claiming agent's own.
 */
class ProfileRoutingIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    private static String admin() throws IOException {
        return suite.bearer("admin");
    }

    private static int profile() throws IOException {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("email", "routing-" + UUID.randomUUID() + "@example.com", "firstName", "Routing"))
                .post("/api/mind/profile").then().statusCode(200).extract().path("id");
    }

    @Test
    void aTicketClaimedByOneAgentIsNotRoutableToAnother() throws Exception {
        int tag = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "routing-" + UUID.randomUUID(), "type", "skill"))
                .post("/api/mind/tag").then().statusCode(200).extract().path("id");
        int ticketId = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "from", "routing@example.com", "subject", "Routing preview"))
                .post("/api/mind/ticket?process=false").then().statusCode(200).extract().path("id");
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("tagIds", List.of(tag)))
                .patch("/api/mind/ticket/" + ticketId).then().statusCode(200);
        int holder = profile();
        int other = profile();

        // before any claim both could get it
        for (int p : List.of(holder, other)) {
            given().header("Authorization", admin()).queryParam("ticketId", ticketId).get("/api/mind/profile/" + p + "/routing")
                    .then().statusCode(200).body("ticket.routable", is(true)).body("ticket.reasons", empty());
        }
        int claimed = given().header("Authorization", suite.bearer("agent", holder)).contentType(ContentType.JSON)
                .body(Map.of("preferredDirection", "earliest", "filters",
                        List.of(Map.of("key", "tt.tagId", "comparator", "in", "values", List.of(tag)))))
                .post("/api/mind/ticket/getLatest").then().statusCode(200).extract().path("ticketId");
        org.junit.jupiter.api.Assertions.assertEquals(ticketId, claimed);

        given().header("Authorization", admin()).queryParam("ticketId", ticketId).get("/api/mind/profile/" + other + "/routing")
                .then().statusCode(200).body("ticket.routable", is(false))
                .body("ticket.reasons[0]", containsString("claimed by another agent"));
        given().header("Authorization", admin()).queryParam("ticketId", ticketId).get("/api/mind/profile/" + holder + "/routing")
                .then().statusCode(200).body("ticket.routable", is(true));
        // the other agent's list leaves it out, the holder's keeps it (the ticket's own words find it among the rest)
        given().header("Authorization", admin()).queryParam("q", "Routing preview").queryParam("limit", 100)
                .get("/api/mind/profile/" + other + "/routing").then().statusCode(200)
                .body("tickets.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ticketId)));
        given().header("Authorization", admin()).queryParam("q", "Routing preview").queryParam("limit", 100)
                .get("/api/mind/profile/" + holder + "/routing").then().statusCode(200)
                .body("tickets.id", org.hamcrest.Matchers.hasItem(ticketId));
    }
}
