package mind.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 10, acceptance 4: ticket-svc's autoexecute runs a default agent through aiagent-svc for real.
 * The meter-reading agent recognises the ticket's reading, its "stored" case closes the ticket and
 * leaves a reply draft, and the outcome is in the ticket's activity.
 */
class AutoexecuteIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    private static String admin() throws IOException {
        return suite.bearer("admin");
    }

    @Test
    void autoexecuteAppliesTheMeterReadingAgentsCaseToTheTicket() throws IOException {
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"slugs\":[\"process_meter_reading\"]}").post("/api/mind/aiAgents/loadDefaults")
                .then().statusCode(200).body("success", is(true));
        int agentId = given().header("Authorization", admin()).get("/api/mind/aiAgent/process_meter_reading")
                .then().statusCode(200).extract().path("id");

        String reading = "4711";
        int ticketId = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "from", "erika@example.com", "fromName", "Erika Mustermann",
                        "externalTicketId", "autoexec-" + UUID.randomUUID(),
                        "subject", "Zählerstand Strom",
                        "body", "Guten Tag, anbei mein Zählerstand: " + reading + " für die Zählernummer: Z-100-200. "
                                + "Viele Grüße, Erika Mustermann"))
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");

        JsonPath answer = given().header("Authorization", admin()).header("Idempotency-Key", "autoexec-" + ticketId)
                .queryParam("executeAgentId", agentId)
                .post("/api/mind/ticket/" + ticketId + "/autoexecute")
                .then().statusCode(200)
                .body("success", is(true))
                .body("aiAgentId", equalTo(agentId))
                .extract().jsonPath();
        assertEquals("stored", answer.getString("outcome.customerOutcome.responseCaseId"), answer.prettify());

        // the case's ticketUpdate: closed
        given().header("Authorization", admin()).get("/api/mind/ticket/" + ticketId).then().statusCode(200)
                .body("status", equalTo("closed"));
        // its reply, as a draft, with the reading and meter the agent read
        List<Map<String, Object>> conversations = given().header("Authorization", admin())
                .get("/api/mind/ticket/" + ticketId + "/conversation").then().statusCode(200)
                .extract().jsonPath().getList("conversations");
        Map<String, Object> draft = conversations.stream().filter(c -> Boolean.TRUE.equals(c.get("isDraft"))).findFirst()
                .orElseThrow(() -> new AssertionError("no reply draft in " + conversations));
        String text = String.valueOf(draft.get("body")) + draft.get("content");
        assertTrue(text.contains(reading) && text.contains("Z-100-200"), text);
        // and the outcome in the activity
        given().header("Authorization", admin()).get("/api/mind/ticket/" + ticketId + "/activity").then().statusCode(200)
                .body("activity.type", hasItem("aiAgentOutcome"))
                .body("activity.type", hasItem("autoexecuted"));
    }
}
