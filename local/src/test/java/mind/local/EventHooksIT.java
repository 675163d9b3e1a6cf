package mind.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Event hooks end to end: a ticket changed through the front door reaches settings-svc through ticket-svc's relay
 * (its service token, real HTTP), records a run of the hook's function, and settings-svc runs it on the executor
 * endpoint (a recorder the test suite starts); a profile change in settings-svc does the same without a relay.
 */
class EventHooksIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    private static String admin() throws IOException {
        return suite.bearer("admin");
    }

    private static int hook(String event, String function) throws IOException {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("event", event, "handler", function)).post("/api/mind/settings/event-hook")
                .then().statusCode(200).extract().path("id");
    }

    /** The executor's calls for {@code function}, as JSON. */
    private static List<JsonPath> callsOf(String function) {
        return suite.executor().calls().stream().map(c -> JsonPath.from(c.body()))
                .filter(b -> function.equals(b.getString("function"))).toList();
    }

    @Test
    void aTicketChangeAndAProfileChangeRunTheirHooksOnTheExecutor() throws Exception {
        String function = "e2e_hook_" + UUID.randomUUID().toString().replace("-", "");
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("name", function, "language", "python311", "code", "print('hook ran')"))
                .post("/api/mind/settings/user-defined-function").then().statusCode(200);
        int ticketHook = hook("TicketUpdated", function);
        int profileHook = hook("ProfileUpdated", function);
        try {
            checkRuns(function, ticketHook, profileHook);
        } finally {
            // the suite is shared: later tests' changes must not run this test's hooks (nor their runs change the
            // tables other tests fingerprint)
            for (int id : List.of(ticketHook, profileHook)) {
                given().header("Authorization", admin()).delete("/api/mind/settings/event-hook/" + id).then().statusCode(200);
            }
        }
    }

    private static void checkRuns(String function, int ticketHook, int profileHook) throws Exception {
        int ticketId = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "from", "hooks@example.com", "subject", "Event hooks end to end",
                        "body", "<p>Hello</p>", "process", "false"))
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        // ticket-svc reads which types have hooks every few seconds (mind.ticket.hooks.types-ttl), and passes over
        // the events of a type it does not know to have one: change the ticket until a change reaches the hook
        String[] priorities = { "high", "low" };
        int[] changes = { 0 };
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            given().header("Authorization", admin()).contentType(ContentType.JSON)
                    .body(Map.of("priority", priorities[changes[0]++ % 2]))
                    .patch("/api/mind/ticket/" + ticketId).then().statusCode(200).body("success", is(true));
            assertTrue(callsOf(function).stream().anyMatch(c -> "TicketUpdated".equals(c.getString("event.type"))
                    && c.getInt("parameters.ticketId") == ticketId), "no TicketUpdated call for ticket " + ticketId);
        });
        int profileId = given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("email", "hooks-" + UUID.randomUUID() + "@example.com", "firstName", "Hook"))
                .post("/api/mind/profile").then().statusCode(200).extract().path("id");
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("lastName", "Ran"))
                .patch("/api/mind/profile/" + profileId).then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonPath> calls = callsOf(function);
            assertTrue(calls.stream().anyMatch(c -> "TicketUpdated".equals(c.getString("event.type"))
                    && c.getInt("parameters.ticketId") == ticketId), "no TicketUpdated call for ticket " + ticketId);
            assertTrue(calls.stream().anyMatch(c -> "ProfileUpdated".equals(c.getString("event.type"))
                    && c.getInt("parameters.profileId") == profileId), "no ProfileUpdated call for profile " + profileId);
        });

        JsonPath ticketCall = callsOf(function).stream().filter(c -> "TicketUpdated".equals(c.getString("event.type"))
                && c.getInt("parameters.ticketId") == ticketId).findFirst().orElseThrow();
        assertEquals("python311", ticketCall.getString("language"));
        assertEquals("print('hook ran')", ticketCall.getString("code"));
        assertEquals(ticketHook, ticketCall.getInt("event.hookId"));
        assertTrue(ticketCall.getString("event.key").startsWith("ticket-event-"), ticketCall.getString("event.key"));
        assertFalse(suite.executor().calls().stream().anyMatch(ExecutorRecorder.Call::withAuthorization),
                "no token travels to the executor");

        given().header("Authorization", admin()).get("/api/mind/settings/event-hook/" + ticketHook + "/runs")
                .then().statusCode(200)
                .body("runs.find { it.key == '" + ticketCall.getString("event.key") + "' }.status", equalTo("done"))
                .body("runs.find { it.key == '" + ticketCall.getString("event.key") + "' }.data.ticketId", equalTo(ticketId));
        given().header("Authorization", admin()).get("/api/mind/settings/event-hook/" + profileHook + "/runs")
                .then().statusCode(200)
                .body("runs.find { it.key == 'profile-" + profileId + "-v1' }.status", equalTo("done"));
        // each event ran once, however often the relay and the runner went round meanwhile
        long ticketCalls = callsOf(function).stream().filter(c -> ticketCall.getString("event.key").equals(c.getString("event.key"))).count();
        assertEquals(1, ticketCalls);
    }

    @Test
    void anAiAgentChangeRunsItsHookThroughAiagentSvcsRelay() throws Exception {
        String function = "e2e_agent_hook_" + UUID.randomUUID().toString().replace("-", "");
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("name", function, "language", "python311", "code", "print('agent hook ran')"))
                .post("/api/mind/settings/user-defined-function").then().statusCode(200);
        int agentHook = hook("AiAgentChanged", function);
        try {
            // aiagent-svc reads which types have hooks every few seconds and drops the events of a type none listens
            // to: change the agent until a change reaches the hook
            int agentId = given().header("Authorization", admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Hooked agent " + UUID.randomUUID(), "slug",
                            "hooked_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), "description", "first"))
                    .post("/api/mind/aiAgent").then().statusCode(200).extract().path("id");
            int[] changes = { 0 };
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                given().header("Authorization", admin()).contentType(ContentType.JSON)
                        .body(Map.of("description", "change " + changes[0]++))
                        .patch("/api/mind/aiAgent/" + agentId).then().statusCode(200);
                assertTrue(callsOf(function).stream().anyMatch(c -> "AiAgentChanged".equals(c.getString("event.type"))
                        && c.getInt("parameters.aiAgentId") == agentId && "updated".equals(c.getString("parameters.change"))),
                        "no AiAgentChanged call for an update of agent " + agentId);
            });
            JsonPath call = callsOf(function).stream().filter(c -> c.getInt("parameters.aiAgentId") == agentId
                    && "updated".equals(c.getString("parameters.change"))).findFirst().orElseThrow();
            assertEquals(List.of("description"), call.getList("parameters.fields"));
            assertTrue(call.getString("event.key").startsWith("aiagent-event-"), call.getString("event.key"));
            given().header("Authorization", admin()).get("/api/mind/settings/event-hook/" + agentHook + "/runs")
                    .then().statusCode(200)
                    .body("runs.find { it.key == '" + call.getString("event.key") + "' }.status", equalTo("done"));
        } finally {
            given().header("Authorization", admin()).delete("/api/mind/settings/event-hook/" + agentHook).then().statusCode(200);
        }
    }

    @Test
    void aTestedTicketRunsItsHookThroughQualitycheckSvcsRelay() throws Exception {
        String function = "e2e_quality_hook_" + UUID.randomUUID().toString().replace("-", "");
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("name", function, "language", "python311", "code", "print('quality hook ran')"))
                .post("/api/mind/settings/user-defined-function").then().statusCode(200);
        int qualityHook = hook("TestTicketAiQuality", function);
        try {
            String slug = "quality_hook_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            given().header("Authorization", admin()).contentType(ContentType.JSON)
                    .body("{\"name\":\"Quality hook " + slug + "\",\"slug\":\"" + slug + "\",\"settings\":{\"responseCases\":"
                            + "[{\"id\":\"always\",\"output\":{\"type\":\"internalNote\",\"text\":\"seen\"}}]}}")
                    .post("/api/mind/aiAgent").then().statusCode(200);
            int ticketId = given().header("Authorization", admin()).contentType(ContentType.JSON)
                    .body(Map.of("channel", "email", "from", "quality-hooks@example.com", "subject", "Quality hook"))
                    .post("/api/mind/ticket?process=false").then().statusCode(200).extract().path("id");
            given().header("Authorization", admin()).contentType(ContentType.JSON)
                    .body(Map.of("ticketId", ticketId, "aiAgentId", slug, "expectedResult", Map.of()))
                    .post("/api/mind/aiQualityCheck/testCase").then().statusCode(200);
            // qualitycheck-svc reads which types have hooks every few seconds and drops the events of a type none
            // listens to: run the agent's test until a result reaches the hook
            List<Integer> runs = new java.util.ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                runs.add(given().header("Authorization", admin()).contentType(ContentType.JSON)
                        .body(Map.of("aiAgentId", slug)).post("/api/mind/aiQualityCheck/testRun")
                        .then().statusCode(200).extract().path("testRun.id"));
                assertTrue(callsOf(function).stream().anyMatch(c -> "TestTicketAiQuality".equals(c.getString("event.type"))
                        && slug.equals(c.getString("parameters.aiAgentId"))), "no TestTicketAiQuality call for " + slug);
            });
            JsonPath call = callsOf(function).stream().filter(c -> slug.equals(c.getString("parameters.aiAgentId")))
                    .findFirst().orElseThrow();
            assertEquals(ticketId, call.getInt("parameters.ticketId"));
            assertTrue(runs.contains(call.getInt("parameters.testRunId")), call.getString("parameters"));
            assertEquals("completed", call.getString("parameters.state"));
            assertTrue(call.getBoolean("parameters.successful"), "an empty expectation is met");
            assertTrue(call.getString("event.key").startsWith("qualitycheck-event-"), call.getString("event.key"));
        } finally {
            given().header("Authorization", admin()).delete("/api/mind/settings/event-hook/" + qualityHook).then().statusCode(200);
        }
    }
}
