package mind.ticket.autoprocessing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.conversation.AiAgentServiceStub;
import mind.ticket.conversation.AiAgentServiceStub.InjectAiAgentService;
import mind.ticket.search.SettingsServiceStub;
import mind.ticket.search.SettingsServiceStub.InjectSettings;

/**
 * GET /ticket/detectAutoProcessable and GET|POST /ticket/processAutoProcessable against WireMock settings-svc and
 * aiagent-svc: the rules, paging and bounds, roles, the cookie refusal, running, stopping, replays and a race.
 * Each test uses AI agent ids of its own, so that only its tickets pass with its immediateAiAgents. It shares its
 * application (the same test resources) with the conversation tests.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
@WithTestResource(SettingsServiceStub.class)
class AutoProcessableTest {

    private static final String DETECT = "/api/mind/ticket/detectAutoProcessable";
    private static final String PROCESS = "/api/mind/ticket/processAutoProcessable";
    private static final String SUCCEEDED = "{\"success\":true,\"error\":null,\"dataOutcome\":{},\"customerOutcome\":{\"text\":\"Thanks\"},"
            + "\"customerOutcomeType\":\"reply\",\"curlRequests\":[]}";

    @InjectAiAgentService
    WireMockServer aiAgent;

    @InjectSettings
    WireMockServer settingsSvc;

    @Inject
    AgroalDataSource db;

    private static RequestSpecification as(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    private static String admin() {
        return TestTokens.admin();
    }

    private static long agentId() {
        return 1_000_000L + ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    }

    private void settings(boolean enabled, long... immediate) {
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/settings")).withQueryParam("filterByName", WireMock.equalTo("enableAiAutoProcessing"))
                .atPriority(1).willReturn(json("[{\"name\":\"enableAiAutoProcessing\",\"value\":" + enabled + "}]")));
        StringBuilder ids = new StringBuilder();
        for (long id : immediate) {
            ids.append(ids.isEmpty() ? "" : ",").append(id);
        }
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/settings")).withQueryParam("filterByName", WireMock.equalTo("immediateAiAgents"))
                .atPriority(1).willReturn(json("[{\"name\":\"immediateAiAgents\",\"value\":[" + ids + "]}]")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static MappingBuilder outcomeFor(long ticketId) {
        return post(urlEqualTo("/api/mind/aiAgent/outcome")).withRequestBody(matchingJsonPath("$.ticketId", WireMock.equalTo(Long.toString(ticketId))));
    }

    private int callsFor(long ticketId) {
        return aiAgent.findAll(postRequestedFor(urlEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.ticketId", WireMock.equalTo(Long.toString(ticketId))))).size();
    }

    /** An open ticket; {@code json} holds further fields after the channel. */
    private static long ticket(String channel, String json) {
        String body = "{\"channel\":\"" + channel + "\",\"from\":\"c-" + UUID.randomUUID() + "@example.com\",\"subject\":\"Auto\","
                + "\"body\":\"<p>Please lower my installment.</p>\"" + (json.isEmpty() ? "" : "," + json) + "}";
        return ((Number) as(admin()).body(body).post("/api/mind/ticket?process=false").then().statusCode(200)
                .extract().path("id")).longValue();
    }

    private static long email() {
        return ticket("email", "");
    }

    private void detected(long ticketId, long... agents) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (long id : agents) {
            ids.append(ids.isEmpty() ? "" : ",").append(id);
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into ticket.ticket_event (ticket_id, type, data, created_at) values (?, 'intentsDetected', cast(? as jsonb), now())")) {
            s.setLong(1, ticketId);
            s.setString(2, "{\"aiAgentIds\":[" + ids + "]}");
            s.executeUpdate();
        }
    }

    private List<String> events(long ticketId) throws Exception {
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

    /** The verdicts of the newest open tickets (the tickets this test made are among them), by ticket id. */
    private static Map<Long, Map<String, Object>> verdicts(String query) {
        long total = ((Number) as(admin()).get(DETECT + "?limit=1").then().statusCode(200).extract().path("total")).longValue();
        JsonPath answer = as(admin()).get(DETECT + "?limit=500&offset=" + Math.max(0, total - 100) + query)
                .then().statusCode(200).extract().jsonPath();
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        for (Map<String, Object> v : answer.<Map<String, Object>>getList("tickets")) {
            byId.put(((Number) v.get("ticketId")).longValue(), v);
        }
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static List<String> rules(Map<String, Object> verdict) {
        return ((List<Map<String, Object>>) verdict.get("reasons")).stream().map(r -> (String) r.get("rule")).toList();
    }

    @Test
    void eachOpenTicketGetsItsVerdictWithEveryFailedRule() throws Exception {
        long a = agentId();
        long b = agentId();
        settings(true, a);
        long ok = email();
        detected(ok, a);
        long notImmediate = email();
        detected(notImmediate, b);
        long none = email();
        long several = email();
        detected(several, a, b);
        long chat = ticket("chat", "");
        detected(chat, a);
        long outbound = ticket("email", "\"direction\":\"out\"");
        detected(outbound, a);
        long spam = email();
        detected(spam, a);
        as(admin()).body("{\"spamStatus\":\"manual_spam\"}").patch("/api/mind/ticket/" + spam).then().statusCode(200);
        long replied = email();
        detected(replied, a);
        as(admin()).body("{\"body\":\"one more thing\"}").post("/api/mind/ticket/" + replied + "/conversation/store").then().statusCode(200);
        long lowLegitimation = ticket("email", "\"contractId\":\"K-1\"");
        detected(lowLegitimation, a);
        as(admin()).body("{\"customerLegitimation\":10}").patch("/api/mind/ticket/" + lowLegitimation).then().statusCode(200);
        long legitimated = ticket("email", "\"contractId\":\"K-2\"");
        detected(legitimated, a);
        as(admin()).body("{\"customerLegitimation\":20}").patch("/api/mind/ticket/" + legitimated).then().statusCode(200);
        long spamAndChat = ticket("chat", "");
        as(admin()).body("{\"spamStatus\":\"auto_spam\"}").patch("/api/mind/ticket/" + spamAndChat).then().statusCode(200);
        long closed = email();
        detected(closed, a);
        as(admin()).body("{\"status\":\"closed\"}").patch("/api/mind/ticket/" + closed).then().statusCode(200);

        JsonPath page = as(TestTokens.agent(7)).get(DETECT + "?limit=1").then().statusCode(200)
                .body("success", is(true)).body("enableAiAutoProcessing", is(true))
                .body("limit", is(1)).body("offset", is(0)).body("tickets", hasSize(1))
                .body("notChecked.rule", org.hamcrest.Matchers.contains("autoExecutableIntent", "autoProcessingDelay"))
                .extract().jsonPath();
        assertEquals(List.of(a), page.getList("immediateAiAgents", Long.class));

        Map<Long, Map<String, Object>> v = verdicts("");
        assertEquals(true, v.get(ok).get("autoProcessable"));
        assertEquals(true, v.get(ok).get("immediate"));
        assertEquals(List.of(), rules(v.get(ok)));
        assertEquals(true, v.get(notImmediate).get("autoProcessable"));
        assertEquals(false, v.get(notImmediate).get("immediate"));
        assertEquals(List.of("noAiAgentDetected"), rules(v.get(none)));
        assertEquals(List.of("multipleAiAgents"), rules(v.get(several)));
        assertEquals(List.of("channel"), rules(v.get(chat)));
        assertEquals(List.of("direction"), rules(v.get(outbound)));
        assertEquals(List.of("spam"), rules(v.get(spam)));
        assertEquals(List.of("customerReplied"), rules(v.get(replied)));
        assertEquals(List.of("customerLegitimation"), rules(v.get(lowLegitimation)));
        assertEquals(List.of(), rules(v.get(legitimated)));
        assertEquals(List.of("noAiAgentDetected", "spam", "channel"), rules(v.get(spamAndChat)));
        assertFalse(v.containsKey(closed), "only open tickets are listed");

        // the filter and the verdicts agree
        List<Long> passing = List.of(ok, notImmediate, legitimated);
        JsonPath only = as(admin()).get(DETECT + "?onlyAutoProcessable=true&limit=500").then().statusCode(200).extract().jsonPath();
        long total = only.getLong("total");
        List<Map<String, Object>> all = new ArrayList<>(only.getList("tickets"));
        for (int offset = 500; offset < total; offset += 500) {
            all.addAll(as(admin()).get(DETECT + "?onlyAutoProcessable=true&limit=500&offset=" + offset).then().statusCode(200)
                    .extract().jsonPath().getList("tickets"));
        }
        assertEquals(total, all.size());
        assertTrue(all.stream().allMatch(t -> Boolean.TRUE.equals(t.get("autoProcessable"))));
        List<Long> ids = all.stream().map(t -> ((Number) t.get("ticketId")).longValue()).toList();
        assertTrue(ids.containsAll(passing), ids.toString());
        for (long failing : List.of(none, several, chat, outbound, spam, replied, lowLegitimation, spamAndChat, closed)) {
            assertFalse(ids.contains(failing), "ticket " + failing + " does not pass");
        }
        assertEquals(0, callsFor(ok), "detect runs nothing");
        assertEquals(List.of("created", "intentsDetected"), events(ok), "detect writes nothing");
    }

    @Test
    void switchedOffNothingPassesAndNothingRuns() throws Exception {
        long a = agentId();
        settings(false, a);
        long ticket = email();
        detected(ticket, a);
        assertEquals(List.of("autoProcessingDisabled"), rules(verdicts("").get(ticket)));
        as(admin()).get(DETECT + "?onlyAutoProcessable=true").then().statusCode(200)
                .body("enableAiAutoProcessing", is(false)).body("total", is(0)).body("tickets", hasSize(0));
        as(admin()).get(PROCESS).then().statusCode(200).body("success", is(true)).body("results", hasSize(0));
        assertEquals(0, callsFor(ticket));
    }

    @Test
    void boundsRolesAndThePathsNextToTheIdRoute() {
        settings(true);
        as(admin()).get(DETECT + "?limit=501").then().statusCode(400).body("details[0].field", equalTo("limit"));
        as(admin()).get(DETECT + "?limit=0").then().statusCode(400).body("details[0].field", equalTo("limit"));
        as(admin()).get(DETECT + "?offset=-1").then().statusCode(400).body("details[0].field", equalTo("offset"));
        as(admin()).get(DETECT + "?onlyAutoProcessable=perhaps").then().statusCode(400)
                .body("details[0].field", equalTo("onlyAutoProcessable"));
        as(admin()).get(DETECT).then().statusCode(200).body("limit", is(100));
        as(TestTokens.serviceWorker()).get(DETECT).then().statusCode(200);
        given().get(DETECT).then().statusCode(401);

        as(admin()).get(PROCESS + "?limit=101").then().statusCode(400).body("details[0].field", equalTo("limit"));
        as(admin()).get(PROCESS).then().statusCode(200).body("limit", is(10));
        as(TestTokens.agent(7)).get(PROCESS).then().statusCode(403);
        as(TestTokens.agent(7)).post(PROCESS).then().statusCode(403);
        as(TestTokens.serviceWorker()).post(PROCESS + "?limit=100").then().statusCode(200).body("limit", is(100));
    }

    @Test
    void processRunsTheImmediateOnesAndRecordsWhatCameOfThem() throws Exception {
        long a = agentId();
        long b = agentId();
        settings(true, a);
        long first = email();
        detected(first, a);
        long second = email();
        detected(second, a);
        long waiting = email();
        detected(waiting, b);
        aiAgent.stubFor(outcomeFor(first).willReturn(json(SUCCEEDED)));
        aiAgent.stubFor(outcomeFor(second).willReturn(json("{\"success\":false,\"error\":\"no contract\"}")));

        JsonPath done = as(TestTokens.serviceWorker()).get(PROCESS).then().statusCode(200)
                .body("success", is(false)).body("stoppedEarly", is(false))
                .extract().jsonPath();
        assertEquals(List.of(first, second), done.getList("results.ticketId", Long.class));
        assertEquals(List.of("executed", "failed"), done.getList("results.result"));
        assertEquals(List.of(a, a), done.getList("results.aiAgentId", Long.class));
        assertEquals("reply", done.getString("results[0].outcome.customerOutcomeType"));
        assertEquals("autoexecute_failed", done.getString("results[1].code"));
        assertEquals("no contract", done.getString("results[1].error"));
        assertEquals(List.of("created", "intentsDetected", "autoexecuteRequested", "autoexecuted"), events(first));
        assertEquals(List.of("created", "intentsDetected", "autoexecuteRequested", "autoexecuteFailed"), events(second));
        assertEquals(0, callsFor(waiting), "an agent that is not immediate waits for a person");
        assertTrue(aiAgent.findAll(postRequestedFor(urlEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.ticketId", WireMock.equalTo(Long.toString(first))))).get(0)
                .getBodyAsString().contains("\"aiAgentId\":" + a));

        Map<Long, Map<String, Object>> v = verdicts("");
        assertEquals(List.of("alreadyAutoExecuted"), rules(v.get(first)));
        assertEquals(List.of("alreadyAutoExecuted"), rules(v.get(second)));
        as(TestTokens.serviceWorker()).post(PROCESS).then().statusCode(200).body("results", hasSize(0));
        assertEquals(1, callsFor(first));
        assertEquals(1, callsFor(second));

        // a new detection makes the ticket ready again
        detected(second, a);
        aiAgent.stubFor(outcomeFor(second).willReturn(json(SUCCEEDED)));
        as(admin()).post(PROCESS).then().statusCode(200).body("success", is(true))
                .body("results.ticketId", org.hamcrest.Matchers.contains((int) second));
    }

    @Test
    void aiAgentServiceDownStopsTheBatchAndTheTicketStaysForTheNext() throws Exception {
        long a = agentId();
        settings(true, a);
        long down = email();
        detected(down, a);
        long after = email();
        detected(after, a);
        aiAgent.stubFor(outcomeFor(down).willReturn(aResponse().withStatus(503)));
        aiAgent.stubFor(outcomeFor(after).willReturn(json(SUCCEEDED)));
        as(admin()).get(PROCESS).then().statusCode(200)
                .body("success", is(false)).body("stoppedEarly", is(true))
                .body("results.ticketId", org.hamcrest.Matchers.contains((int) down))
                .body("results[0].result", is("unavailable"))
                .body("results[0].code", is("dependency_unavailable"));
        assertEquals(0, callsFor(after), "the batch stopped");
        assertEquals(true, verdicts("").get(down).get("autoProcessable"), "a failure to reach aiagent-svc may be retried");

        aiAgent.stubFor(outcomeFor(down).willReturn(json(SUCCEEDED)));
        as(admin()).get(PROCESS).then().statusCode(200).body("success", is(true))
                .body("results.ticketId", org.hamcrest.Matchers.contains((int) down, (int) after))
                .body("results.result", org.hamcrest.Matchers.contains("executed", "executed"));
    }

    @Test
    void theConnectSidCookieAloneDoesNotProcess() throws Exception {
        long a = agentId();
        settings(true, a);
        long ticket = email();
        detected(ticket, a);
        aiAgent.stubFor(outcomeFor(ticket).willReturn(json(SUCCEEDED)));
        String raw = TestTokens.token(1, "admin");
        given().cookie("connect.sid", raw).get(PROCESS).then().statusCode(403)
                .body("code", is("authorization_header_required"));
        assertEquals(0, callsFor(ticket));
        assertEquals(List.of("created", "intentsDetected"), events(ticket));
        given().cookie("connect.sid", raw).get(DETECT + "?limit=1").then().statusCode(200);
        given().cookie("connect.sid", raw).header("Authorization", "Bearer " + raw).get(PROCESS).then().statusCode(200)
                .body("results.ticketId", org.hamcrest.Matchers.contains((int) ticket));
        assertEquals(1, callsFor(ticket));
    }

    @Test
    void twoBatchesAtOnceRunATicketOnce() throws Exception {
        long a = agentId();
        settings(true, a);
        long ticket = email();
        detected(ticket, a);
        aiAgent.stubFor(outcomeFor(ticket).willReturn(json(SUCCEEDED).withFixedDelay(300)));
        List<JsonPath> answers = Concurrently.run(2, () -> as(TestTokens.serviceWorker()).post(PROCESS).then().statusCode(200)
                .extract().jsonPath());
        assertEquals(1, callsFor(ticket));
        List<String> outcomes = new ArrayList<>();
        answers.forEach(r -> outcomes.addAll(r.getList("results.result")));
        assertEquals(1, outcomes.stream().filter("executed"::equals).count(), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o.equals("executed") || o.equals("skipped")), outcomes.toString());
        assertEquals(1, events(ticket).stream().filter("autoexecuteRequested"::equals).count());
        assertEquals(1, events(ticket).stream().filter("autoexecuted"::equals).count());
    }

    @Test
    void aRepeatedRequestWithTheSameKeyIsAnsweredFromTheFirst() throws Exception {
        long a = agentId();
        settings(true, a);
        long ticket = email();
        detected(ticket, a);
        aiAgent.stubFor(outcomeFor(ticket).willReturn(json(SUCCEEDED)));
        String key = "batch-" + UUID.randomUUID();
        as(admin()).header("Idempotency-Key", key).get(PROCESS).then().statusCode(200)
                .body("results.result", org.hamcrest.Matchers.contains("executed"));
        detected(ticket, a);
        as(admin()).header("Idempotency-Key", key).get(PROCESS).then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("results.result", org.hamcrest.Matchers.contains("executed"));
        assertEquals(1, callsFor(ticket), "the replay runs nothing although the ticket is ready again");
    }

    @Test
    void settingsServiceDownIs503() {
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/settings")).withQueryParam("filterByName", WireMock.equalTo("enableAiAutoProcessing"))
                .atPriority(1).willReturn(aResponse().withStatus(500)));
        as(admin()).get(DETECT).then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        as(admin()).get(PROCESS).then().statusCode(503);
        settings(true);
    }

    @Test
    void theOperationsAreDocumentedWithExamples() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        for (String at : List.of("'/api/mind/ticket/detectAutoProcessable'.get", "'/api/mind/ticket/processAutoProcessable'.get",
                "'/api/mind/ticket/processAutoProcessable'.post", "'/api/mind/ticket/{ticketId}/attachment/{attachmentId}'.delete",
                "'/api/mind/ticket/{ticketId}/autoprocess'.post")) {
            assertTrue(doc.get("paths." + at + ".responses.'200'.content.'application/json'.example") != null, at);
        }
        assertTrue(doc.getList("paths.'/api/mind/ticket/detectAutoProcessable'.get.parameters.name").contains("onlyAutoProcessable"));
    }
}
