package mind.ticket.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static mind.ticket.conversation.Fixtures.AGENT;
import static mind.ticket.conversation.Fixtures.as;
import static mind.ticket.conversation.Fixtures.base;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import mind.ticket.search.SettingsServiceStub;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.ticket.conversation.AiAgentServiceStub.InjectAiAgentService;

/** autoexecute against a WireMock aiagent-svc: refusal rules, 200, 207 for a failed run, 503 when it is down, events. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
// settings-svc: the same resources as AutoProcessableTest, so that they share one application
@WithTestResource(SettingsServiceStub.class)
class AutoexecuteTest {

    private static final String SUCCEEDED = "{\"success\":true,\"error\":null,\"dataOutcome\":{\"reading\":4711},"
            + "\"dataOutcomeInfo\":\"booked\",\"customerOutcome\":{\"text\":\"Thanks\"},\"customerOutcomeType\":\"reply\","
            + "\"customerOutcomeInfo\":null,\"curlRequests\":[],\"somethingNew\":1}";

    @InjectAiAgentService
    WireMockServer aiAgent;

    @Inject
    AgroalDataSource db;

    private static MappingBuilder outcomeFor(long ticketId) {
        return post(urlEqualTo("/api/mind/aiAgent/outcome")).withRequestBody(matchingJsonPath("$.ticketId", equalTo(Long.toString(ticketId))));
    }

    private List<LoggedRequest> callsFor(long ticketId) {
        return aiAgent.findAll(postRequestedFor(urlEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.ticketId", equalTo(Long.toString(ticketId)))));
    }

    private void detected(long ticketId, String aiAgentIds) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into ticket.ticket_event (ticket_id, type, data, created_at) values (?, 'intentsDetected', cast(? as jsonb), now())")) {
            s.setLong(1, ticketId);
            s.setString(2, "{\"aiAgentIds\":" + aiAgentIds + "}");
            s.executeUpdate();
        }
    }

    @Test
    void aSuccessfulRunAnswers200WithTheOutcomeAndCarriesTheUsersTokenAndAKey() throws Exception {
        long ticketId = Fixtures.emailTicket(Fixtures.address("c"), "Auto");
        aiAgent.stubFor(outcomeFor(ticketId).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SUCCEEDED)));
        as(AGENT).post(base(ticketId) + "/autoexecute?executeAgentId=12")
                .then().statusCode(200)
                .body("success", is(true))
                .body("ticketId", is((int) ticketId))
                .body("aiAgentId", is(12))
                .body("code", nullValue())
                .body("outcome.dataOutcome.reading", is(4711))
                .body("outcome.customerOutcomeType", is("reply"));
        List<LoggedRequest> calls = callsFor(ticketId);
        assertEquals(1, calls.size());
        LoggedRequest call = calls.get(0);
        assertEquals(AGENT, call.getHeader("Authorization"));
        assertTrue(call.containsHeader("Idempotency-Key"));
        assertTrue(equalToJson("{\"aiAgentId\":12,\"ticketId\":" + ticketId + ",\"data\":{},\"dryRun\":false}")
                .match(call.getBodyAsString()).isExactMatch(), call.getBodyAsString());
        assertEquals(List.of("created", "autoexecuteRequested", "autoexecuted"), Fixtures.events(db, ticketId));
    }

    @Test
    void aFailedRunOrARefusedRequestAnswers207WithTheReason() throws Exception {
        long failing = Fixtures.emailTicket(Fixtures.address("c"), "Fails");
        aiAgent.stubFor(outcomeFor(failing).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Contract 123 not found in the ERP\"}")));
        as(AGENT).post(base(failing) + "/autoexecute?executeAgentId=12")
                .then().statusCode(207)
                .body("success", is(false))
                .body("code", is("autoexecute_failed"))
                .body("error", is("Contract 123 not found in the ERP"))
                .body("outcome.success", is(false));
        assertEquals(List.of("created", "autoexecuteRequested", "autoexecuteFailed"), Fixtures.events(db, failing));

        long unknownAgent = Fixtures.emailTicket(Fixtures.address("c"), "Unknown agent");
        aiAgent.stubFor(outcomeFor(unknownAgent).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Intent description not found\",\"code\":\"not_found\"}")));
        as(AGENT).post(base(unknownAgent) + "/autoexecute?executeAgentId=999")
                .then().statusCode(207)
                .body("code", is("autoexecute_failed"))
                .body("error", containsString("Intent description not found"));
        assertEquals(1, callsFor(unknownAgent).size(), "a 404 is an answer, not retried");
    }

    @Test
    void aiAgentServiceDownIs503WithRetryAfter() throws Exception {
        long down = Fixtures.emailTicket(Fixtures.address("c"), "Down");
        aiAgent.stubFor(outcomeFor(down).willReturn(aResponse().withStatus(503)));
        as(AGENT).post(base(down) + "/autoexecute?executeAgentId=12")
                .then().statusCode(503)
                .header("Retry-After", "5")
                .body("code", is("dependency_unavailable"))
                .body("error", containsString("aiagent-svc"));
        assertEquals(2, callsFor(down).size(), "retried once: the call carries an Idempotency-Key");
        assertEquals(1, callsFor(down).stream().map(r -> r.getHeader("Idempotency-Key")).distinct().count(),
                "the retry repeats the key");
        assertTrue(Fixtures.events(db, down).contains("autoexecuteFailed"));

        long reset = Fixtures.emailTicket(Fixtures.address("c"), "Reset");
        aiAgent.stubFor(outcomeFor(reset).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        as(AGENT).post(base(reset) + "/autoexecute?executeAgentId=12")
                .then().statusCode(503).header("Retry-After", notNullValue());
    }

    @Test
    void refusalRules() throws Exception {
        long closed = Fixtures.emailTicket(Fixtures.address("c"), "Closed");
        as(AGENT).body("{\"type\":\"note\",\"private\":true,\"status\":\"closed\"}").post(base(closed) + "/conversation/store")
                .then().statusCode(200);
        as(AGENT).post(base(closed) + "/autoexecute?executeAgentId=12&allowWithReplies=true&allowMultipleIntents=true")
                .then().statusCode(409).body("code", is("ticket_closed"));

        String customer = Fixtures.address("c");
        long replied = Fixtures.emailTicket(customer, "Replied");
        as(AGENT).body("{\"from\":\"" + customer + "\",\"body\":\"and another thing\"}").post(base(replied) + "/conversation/store")
                .then().statusCode(200);
        as(AGENT).post(base(replied) + "/autoexecute?executeAgentId=12")
                .then().statusCode(409).body("code", is("ticket_has_replies"));
        aiAgent.stubFor(outcomeFor(replied).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SUCCEEDED)));
        as(AGENT).post(base(replied) + "/autoexecute?executeAgentId=12&allowWithReplies=true").then().statusCode(200);

        long several = Fixtures.emailTicket(Fixtures.address("c"), "Several");
        detected(several, "[4, 5]");
        as(AGENT).post(base(several) + "/autoexecute?executeAgentId=4")
                .then().statusCode(409).body("code", is("multiple_intents"));
        as(AGENT).post(base(several) + "/autoexecute?allowMultipleIntents=true")
                .then().statusCode(400).body("details[0].field", is("executeAgentId"));
        aiAgent.stubFor(outcomeFor(several).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SUCCEEDED)));
        as(AGENT).post(base(several) + "/autoexecute?executeAgentId=4&allowMultipleIntents=true")
                .then().statusCode(200).body("aiAgentId", is(4));

        long one = Fixtures.emailTicket(Fixtures.address("c"), "One");
        as(AGENT).post(base(one) + "/autoexecute")
                .then().statusCode(400).body("details[0].field", is("executeAgentId"));
        detected(one, "[9]");
        aiAgent.stubFor(outcomeFor(one).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SUCCEEDED)));
        as(AGENT).post(base(one) + "/autoexecute").then().statusCode(200).body("aiAgentId", is(9));
        assertTrue(callsFor(one).get(0).getBodyAsString().contains("\"aiAgentId\":9"));

        as(AGENT).post(base(one) + "/autoexecute?executeAgentId=0").then().statusCode(400)
                .body("details[0].field", containsString("executeAgentId"));
        as(AGENT).post(base(one) + "/autoexecute?allowWithReplies=perhaps").then().statusCode(400)
                .body("details[0].field", is("allowWithReplies"));
        as(AGENT).post("/api/mind/ticket/999999999/autoexecute?executeAgentId=1").then().statusCode(404);
        assertTrue(callsFor(closed).isEmpty() && callsFor(several).size() == 1);
    }

    @Test
    void aReplayedAutoexecuteRunsTheAgentOnce() throws Exception {
        long ticketId = Fixtures.emailTicket(Fixtures.address("c"), "Replay");
        aiAgent.stubFor(outcomeFor(ticketId).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"no contract\"}")));
        String key = "auto-" + UUID.randomUUID();
        List<Integer> statuses = Concurrently.run(5, () -> as(AGENT).header("Idempotency-Key", key)
                .post(base(ticketId) + "/autoexecute?executeAgentId=3").then().extract().statusCode());
        assertTrue(statuses.contains(207), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 207 || s == 409), statuses.toString());
        as(AGENT).header("Idempotency-Key", key).post(base(ticketId) + "/autoexecute?executeAgentId=3")
                .then().statusCode(207).header("Idempotent-Replayed", "true").body("error", is("no contract"));
        assertEquals(1, callsFor(ticketId).size());
        assertFalse(callsFor(ticketId).get(0).getHeader("Idempotency-Key").contains(key), "a key derived from the client's");
    }

    @Test
    void theOlderNameAutoprocessRunsTheSameWay() throws Exception {
        long ticketId = Fixtures.emailTicket(Fixtures.address("c"), "Old name");
        detected(ticketId, "[21]");
        aiAgent.stubFor(outcomeFor(ticketId).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SUCCEEDED)));
        as(mind.common.testing.TestTokens.serviceWorker()).post(base(ticketId) + "/autoprocess").then().statusCode(403);
        as(AGENT).post(base(ticketId) + "/autoprocess?executeAgentId=0").then().statusCode(400)
                .body("details[0].field", containsString("executeAgentId"));
        assertTrue(callsFor(ticketId).isEmpty());
        String key = "old-" + UUID.randomUUID();
        as(AGENT).header("Idempotency-Key", key).post(base(ticketId) + "/autoprocess")
                .then().statusCode(200)
                .body("success", is(true))
                .body("ticketId", is((int) ticketId))
                .body("aiAgentId", is(21))
                .body("outcome.customerOutcomeType", is("reply"));
        as(AGENT).header("Idempotency-Key", key).post(base(ticketId) + "/autoprocess")
                .then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(1, callsFor(ticketId).size());
        assertEquals(List.of("created", "intentsDetected", "autoexecuteRequested", "autoexecuted"), Fixtures.events(db, ticketId));

        long failing = Fixtures.emailTicket(Fixtures.address("c"), "Old name fails");
        aiAgent.stubFor(outcomeFor(failing).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"no contract\"}")));
        as(AGENT).post(base(failing) + "/autoprocess?executeAgentId=3").then().statusCode(207)
                .body("code", is("autoexecute_failed")).body("error", is("no contract"));
        as(AGENT).post("/api/mind/ticket/999999999/autoprocess?executeAgentId=1").then().statusCode(404);
    }
}
