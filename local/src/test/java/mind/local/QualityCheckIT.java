package mind.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 12, acceptance 4, with every service real: a default agent, tickets, test cases whose
 * expectation is wrong on purpose, a run whose worker dry-runs the agent through aiagent-svc (which
 * reads the tickets from ticket-svc), accept all, and a second run that scores 1.0.
 */
class QualityCheckIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    private static String admin() throws IOException {
        return suite.bearer("admin");
    }

    @Test
    void aRunAfterAcceptingAllExpectedResultsScoresOne() throws IOException {
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"slugs\":[\"process_meter_reading\"]}").post("/api/mind/aiAgents/loadDefaults")
                .then().statusCode(200).body("success", is(true));

        List<Integer> tickets = new ArrayList<>();
        for (String reading : List.of("4711", "12345", "987")) {
            tickets.add(given().header("Authorization", admin()).contentType(ContentType.JSON)
                    .body(Map.of("channel", "email", "from", "kunde@example.com",
                            "externalTicketId", "quality-" + UUID.randomUUID(), "subject", "Zählerstand",
                            "body", "Mein Zählerstand: " + reading + " für die Zählernummer: Z-" + reading + "."))
                    .post("/api/mind/ticket").then().statusCode(200).extract().path("id"));
        }
        for (int ticket : tickets) {
            given().header("Authorization", admin()).contentType(ContentType.JSON)
                    .body(Map.of("ticketId", ticket, "aiAgentId", "process_meter_reading",
                            "expectedResult", Map.of("outcomeType", Map.of("process_meter_reading", "noMatch"))))
                    .post("/api/mind/aiQualityCheck/testCase")
                    .then().statusCode(200).body("success", is(true));
        }

        JsonPath first = finishedRun();
        List<Integer> tested = first.getList("tickets.ticketId", Integer.class);
        assertTrue(tested.containsAll(tickets), "the run tests every case of the agent: " + tested);
        assertTrue(first.getDouble("scores.overall") < 1.0, "the wrong expectations fail: " + first.get("scores"));
        for (int ticket : tickets) {
            // the agent recognised the reading and answered with its reply case, as the dry run through aiagent-svc says
            assertEquals("reply", first.getString("tickets.find { it.ticketId == " + ticket
                    + " }.actualResult.outcomeType.process_meter_reading"), "ticket " + ticket);
        }

        given().header("Authorization", admin())
                .post("/api/mind/aiQualityCheck/testRun/" + first.getInt("testRun.id") + "/acceptAllExpectedResults")
                .then().statusCode(200).body("success", is(true));

        JsonPath second = finishedRun();
        assertEquals(1.0, second.getDouble("scores.overall"), "every expectation is the last actual result now: "
                + second.get("scores"));
        assertEquals(second.getInt("testRun.ticketsTested"), second.getInt("testRun.successfulTests"));
    }

    /** Schedules a run of the agent and waits until the worker finished it. */
    private static JsonPath finishedRun() throws IOException {
        String admin = admin();
        int run = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"aiAgentId\":\"process_meter_reading\"}").post("/api/mind/aiQualityCheck/testRun")
                .then().statusCode(200).body("testRun.state", equalTo("scheduled")).extract().path("testRun.id");
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(
                () -> given().header("Authorization", admin).get("/api/mind/aiQualityCheck/testRun/" + run)
                        .then().statusCode(200).extract().jsonPath(),
                answer -> !List.of("scheduled", "processing").contains(answer.getString("testRun.state")));
    }
}
