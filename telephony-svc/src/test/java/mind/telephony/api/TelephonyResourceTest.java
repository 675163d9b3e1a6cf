package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.domain.QueueEntry;
import mind.telephony.repository.QueueEntryRepository;

@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class TelephonyResourceTest {

    static final String PATH = "/api/mind/telephony/callReceived";
    static final String TICKET_PATH = "/api/mind/ticket";

    @InjectTicketService
    WireMockServer ticketSvc;

    @Inject
    QueueEntryRepository queue;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    mind.telephony.outbox.OutboxDelivery outboxDelivery;

    @BeforeEach
    void reset() {
        OutboxRows.clear(queue);
        ticketSvc.resetAll();
        circuitBreakers.resetAll();
    }

    // ---- happy paths -------------------------------------------------------------------------

    @Test
    void docsExampleCreatesPhoneTicketAndQueueEntry() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH))
                .willReturn(okJson(ticket(2142, "123456", "789012"))));
        String token = TestTokens.serviceWorker();

        int queueId = given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"routing":"none","contractId":"123456","customerId":789012,"phone":"+491234567890",
                         "to":"+499876543210","agentId":1,"aiAgentId":456,
                         "transcript":[
                           {"speaker":"agent","message":"Hello, my name is AI Assistant. How can I help you today?","timestamp":"2024-01-23T14:32:11Z"},
                           {"speaker":"customer","message":"My meter is broken."}],
                         "userId":42,"channelId":"%s","callerName":"John Smith","direction":"in",
                         "subchannelId":5,"externalTicketId":"ext-%s","status":"open","triggerAiProcessing":true}"""
                        .formatted(channelId, channelId))
                .when().post(PATH)
                .then().statusCode(200)
                .body("success", is(true))
                .body("ticketId", is(2142))
                .body("contractId", equalTo("123456"))
                .body("customerId", equalTo("789012"))
                .body("ioResponse", equalTo("None, as routing is not external"))
                .body("queueId", notNullValue())
                .extract().path("queueId");

        List<LoggedRequest> sent = ticketSvc.findAll(postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(1, sent.size());
        LoggedRequest request = sent.get(0);
        assertEquals(token, request.getHeader("Authorization"), "the caller's token travels to ticket-svc");
        assertEquals("telephony-call-" + channelId, request.getHeader("Idempotency-Key"));
        assertEquals("false", request.queryParameter("process").firstValue(), "routing none never runs AI agents");
        JsonPath ticket = JsonPath.from(request.getBodyAsString());
        assertEquals("phone", ticket.getString("channel"));
        assertEquals("in", ticket.getString("direction"));
        assertEquals("open", ticket.getString("status"), "an explicit status wins over routing none");
        assertEquals("+491234567890", ticket.getString("from"));
        assertEquals("John Smith", ticket.getString("fromName"));
        assertEquals(List.of("+499876543210"), ticket.getList("to"));
        assertEquals(5, ticket.getInt("subchannelId"));
        assertEquals(channelId, ticket.getString("channelId"));
        assertEquals("ext-" + channelId, ticket.getString("externalTicketId"));
        assertEquals("123456", ticket.getString("contractId"));
        assertEquals("789012", ticket.getString("customerId"), "a numeric customerId travels as a string");
        assertEquals(42, ticket.getInt("agentId"), "userId assigns the ticket");
        assertEquals("Call from John Smith (+491234567890)", ticket.getString("subject"));
        assertEquals("""
                [2024-01-23 14:32:11] agent: Hello, my name is AI Assistant. How can I help you today?
                customer: My meter is broken.""", ticket.getString("body"));

        QueueEntry entry = entry(channelId).orElseThrow();
        assertEquals(queueId, entry.id.intValue());
        assertEquals(2142, entry.ticketId);
        assertEquals("assigned", entry.status.name());
        assertEquals(42L, entry.assignedUserId);
        assertNotNull(entry.routedAt);
        assertEquals("none", entry.routing.wire());
        assertEquals("phone", entry.channel.name());
        assertEquals(5L, entry.subchannelId);
        assertEquals("John Smith", entry.callerName);
        assertEquals("+491234567890", entry.phone);
        assertEquals(456L, entry.aiAgentId);
        assertEquals("none", routingColumn(entry.id));
    }

    /** settings-svc is not there in this class: the ACD counts as off, so the phone platform routes (external). */
    @Test
    void inboundCallWithoutRoutingWaitsForAnAgentOfThePhonePlatformWhileTheAcdIsOff() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(501, null, null))));

        asServiceWorker().body("{\"channelId\":\"" + channelId + "\",\"phone\":\"+4930123\",\"callerName\":\"Jane Roe\"}")
                .post(PATH)
                .then().statusCode(200)
                .body("ticketId", is(501))
                .body("contractId", nullValue())
                .body("customerId", nullValue())
                .body("ioResponse", equalTo(TelephonyResource.NO_EXTERNAL_SYSTEM));

        LoggedRequest request = onlyTicketRequest();
        assertFalse(request.queryParameter("process").isPresent(), "AI agents run on routed calls");
        JsonPath ticket = JsonPath.from(request.getBodyAsString());
        assertEquals("open", ticket.getString("status"));
        assertEquals("in", ticket.getString("direction"));
        assertNull(ticket.get("body"), "no transcript, no body");
        assertNull(ticket.get("agentId"));
        assertEquals("Call from Jane Roe (+4930123)", ticket.getString("subject"));

        QueueEntry entry = entry(channelId).orElseThrow();
        assertEquals("waitingForAgent", entry.status.name());
        assertEquals("external", routingColumn(entry.id));
        assertNull(entry.assignedUserId);
    }

    @Test
    void routingNoneWithoutStatusClosesTheTicketAndCompletesTheEntry() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(502, null, null))));

        asAdmin().body("{\"routing\":\"none\",\"channelId\":\"" + channelId + "\",\"triggerAiProcessing\":true}")
                .post(PATH).then().statusCode(200).body("ticketId", is(502));

        LoggedRequest request = onlyTicketRequest();
        assertEquals("false", request.queryParameter("process").firstValue());
        assertEquals("closed", JsonPath.from(request.getBodyAsString()).getString("status"));
        assertEquals("Phone call", JsonPath.from(request.getBodyAsString()).getString("subject"));
        QueueEntry entry = entry(channelId).orElseThrow();
        assertEquals("completed", entry.status.name());
        assertNotNull(entry.completedAt);
    }

    @Test
    void triggerAiProcessingFalseAsksTicketSvcNotToProcess() {
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(503, null, null))));
        asServiceWorker().body("{\"routing\":\"native\",\"triggerAiProcessing\":false}")
                .post(PATH).then().statusCode(200);
        LoggedRequest request = onlyTicketRequest();
        assertEquals("false", request.queryParameter("process").firstValue());
        assertTrue(request.getHeader("Idempotency-Key").startsWith("telephony-call-"),
                "a call without channelId still carries a key, so retries stay safe");
    }

    @Test
    void externalRoutingSaysNoExternalSystemIsConfigured() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(504, null, null))));
        asServiceWorker().body("{\"routing\":\"external\",\"channelId\":\"" + channelId + "\"}")
                .post(PATH).then().statusCode(200)
                .body("ioResponse", allOf(containsString("no external routing system is configured"),
                        not(containsString("None, as routing"))));
        assertEquals("waitingForAgent", entry(channelId).orElseThrow().status.name());
        assertFalse(onlyTicketRequest().queryParameter("process").isPresent());
    }

    @Test
    void outboundBotCallIsOutsideRouting() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(505, null, null))));
        asServiceWorker().body("{\"direction\":\"out\",\"to\":\"+4940555\",\"callerName\":\"Max\",\"channelId\":\"" + channelId + "\"}")
                .post(PATH).then().statusCode(200)
                .body("ioResponse", equalTo("None, as routing is not external"));

        JsonPath ticket = JsonPath.from(onlyTicketRequest().getBodyAsString());
        assertEquals("out", ticket.getString("direction"));
        assertEquals(List.of("+4940555"), ticket.getList("to"));
        assertEquals("open", ticket.getString("status"), "outbound tickets start open");
        assertEquals("Call to Max (+4940555)", ticket.getString("subject"));
        QueueEntry entry = entry(channelId).orElseThrow();
        assertEquals("unknown", entry.status.name());
        assertEquals("none", routingColumn(entry.id));
        assertNull(entry.assignedUserId);
    }

    /** The number called is read like the caller's: stored in E.164, and no number at all is a 400 naming to. */
    @Test
    void theNumberCalledIsAPhoneNumberInE164() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(506, null, null))));
        asServiceWorker().body("{\"direction\":\"out\",\"to\":\"not a number\",\"channelId\":\"" + channelId + "\"}")
                .post(PATH).then().statusCode(400).body("details[0].field", equalTo("to"));
        assertEquals(0, ticketSvc.findAll(postRequestedFor(urlPathEqualTo(TICKET_PATH))).size(), "nothing was registered");
        asServiceWorker().body("{\"direction\":\"out\",\"to\":\"030 1111113\",\"channelId\":\"" + channelId + "\"}")
                .post(PATH).then().statusCode(200);
        assertEquals(List.of("+49301111113"), JsonPath.from(onlyTicketRequest().getBodyAsString()).getList("to"));
    }

    @Test
    void outboundCallByAnAgentIsAssignedToThem() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(506, null, null))));
        asServiceWorker().body("{\"direction\":\"out\",\"to\":\"+4940555\",\"agentId\":17,\"channelId\":\"" + channelId + "\"}")
                .post(PATH).then().statusCode(200);
        assertEquals(17, JsonPath.from(onlyTicketRequest().getBodyAsString()).getInt("agentId"));
        QueueEntry entry = entry(channelId).orElseThrow();
        assertEquals("assigned", entry.status.name());
        assertEquals(17L, entry.assignedUserId);
    }

    @Test
    void outboundCallWithUserIdNeedsNoRouting() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(507, null, null))));
        asServiceWorker().body("{\"direction\":\"out\",\"to\":\"+4940555\",\"userId\":18,\"channelId\":\"" + channelId + "\"}")
                .post(PATH).then().statusCode(200);
        assertEquals(18L, entry(channelId).orElseThrow().assignedUserId);
    }

    // ---- idempotency by channelId ----------------------------------------------------------

    @Test
    void repeatedChannelIdReturnsTheSameTicketAndQueueEntry() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(600, "c-1", null))));
        String body = "{\"channelId\":\"" + channelId + "\",\"phone\":\"+49301\"}";

        Response first = asServiceWorker().body(body).post(PATH);
        first.then().statusCode(200);
        // The second report differs (a phone system adding detail): still the same call.
        Response second = asServiceWorker().body("{\"channelId\":\"" + channelId + "\",\"phone\":\"+49302\",\"routing\":\"none\"}")
                .post(PATH);
        // answered as registered the first time (routing left out, the ACD off here: external), not as now (none)
        second.then().statusCode(200).body("ioResponse", equalTo(TelephonyResource.NO_EXTERNAL_SYSTEM))
                .body("ioResponse", equalTo(first.path("ioResponse")));

        assertEquals((Integer) first.path("ticketId"), (Integer) second.path("ticketId"));
        assertEquals((Integer) first.path("queueId"), (Integer) second.path("queueId"));
        assertEquals("c-1", second.path("contractId"));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(1, countEntries(channelId));
    }

    @Test
    void parallelIdenticalCallsMakeOneTicket() throws Exception {
        String channelId = "call_" + UUID.randomUUID();
        // a slow ticket-svc widens the window in which the requests overlap
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH))
                .willReturn(okJson(ticket(700, null, null)).withFixedDelay(200)));
        String body = "{\"channelId\":\"" + channelId + "\",\"callerName\":\"Race\"}";

        List<Response> responses = Concurrently.run(10, () -> asServiceWorker().body(body).post(PATH));

        Set<Integer> queueIds = new HashSet<>();
        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(700, (Integer) r.path("ticketId"));
            queueIds.add(r.path("queueId"));
        }
        assertEquals(1, queueIds.size(), "one queue entry for one call");
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(1, countEntries(channelId));
    }

    @Test
    void staleClaimIsTakenOverAndCompleted() {
        String channelId = "call_" + UUID.randomUUID();
        // a request claimed the call an hour ago and died before its ticket was made
        long claimed = insertClaim(channelId, "now() - interval '1 hour'");
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(950, null, null))));

        asServiceWorker().body("{\"channelId\":\"" + channelId + "\",\"callerName\":\"Revived\"}").post(PATH)
                .then().statusCode(200)
                .body("ticketId", is(950))
                .body("queueId", is((int) claimed));

        assertEquals("telephony-call-" + channelId, onlyTicketRequest().getHeader("Idempotency-Key"),
                "the same key as the dead request's, so ticket-svc returns its ticket should it have been made");
        QueueEntry entry = entry(channelId).orElseThrow();
        assertEquals(950L, entry.ticketId);
        assertNull(entry.claimedAt, "no longer claimed");
        assertEquals("waitingForAgent", entry.status.name());
        assertEquals("Revived", entry.callerName);
        assertEquals(1, countEntries(channelId));
    }

    @Test
    void freshClaimIsWaitedForWithoutCallingTicketSvc() throws Exception {
        String channelId = "call_" + UUID.randomUUID();
        long claimed = insertClaim(channelId, "now()");
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(951, null, null))));

        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<Response> waiting = caller.submit(
                () -> asServiceWorker().body("{\"channelId\":\"" + channelId + "\"}").post(PATH));
        caller.shutdown();
        Thread.sleep(500);
        assertFalse(waiting.isDone(), "waits while the other request creates the ticket");
        // the other request finishes
        QuarkusTransaction.requiringNew().run(() -> queue.getEntityManager().createNativeQuery("""
                update queue_entry set ticket_id = 4711, status = 'waitingForAgent', claimed_at = null where id = ?1""")
                .setParameter(1, claimed).executeUpdate());

        Response response = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(4711, (Integer) response.path("ticketId"));
        assertEquals((int) claimed, (Integer) response.path("queueId"));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(1, countEntries(channelId));
    }

    // ---- ticket-svc failures -----------------------------------------------------------------

    @Test
    void ticketSvc404Is503AndNothingIsKept() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"No such resource\",\"code\":\"not_found\",\"details\":[]}")));

        assertUnavailable(channelId);
        ticketSvc.verify(3, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void aFailedRequestFreesItsIdempotencyKeyForTheRetry() {
        String key = UUID.randomUUID().toString();
        String body = "{\"callerName\":\"retry me\"}";
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(500).withBody("boom")));
        asServiceWorker().header("Idempotency-Key", key).body(body).post(PATH)
                .then().statusCode(503).body("code", equalTo("dependency_unavailable"));

        ticketSvc.resetAll();
        circuitBreakers.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(777, null, null))));
        asServiceWorker().header("Idempotency-Key", key).body(body).post(PATH)
                .then().statusCode(200).body("ticketId", is(777));
        // and ticket-svc saw a key derived from the caller's, the same on every attempt
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH))
                .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.matching("telephony-call-request-sha256-[0-9a-f]{64}")));
    }

    @Test
    void ticketSvc500Is503ThenALaterCallSucceeds() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(500).withBody("boom")));

        assertUnavailable(channelId);
        ticketSvc.verify(3, postRequestedFor(urlPathEqualTo(TICKET_PATH)));

        ticketSvc.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(800, null, null))));
        circuitBreakers.resetAll();
        outboxDelivery.deliverDue();
        asServiceWorker().body("{\"channelId\":\"" + channelId + "\"}").post(PATH)
                .then().statusCode(200).body("ticketId", is(800));
        assertEquals(1, countEntries(channelId));
        assertEquals("telephony-call-" + channelId, onlyTicketRequest().getHeader("Idempotency-Key"),
                "the resend carries the same key, so ticket-svc returns a ticket it may have made already");
    }

    @Test
    void slowTicketSvcIs503ThenALaterCallSucceeds() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(801, null, null)).withFixedDelay(20_000)));

        long started = System.nanoTime();
        assertUnavailable(channelId);
        long millis = (System.nanoTime() - started) / 1_000_000;
        // one attempt cut off at the 2.5 s timeout (a timed-out call is not retried), not a wait for ticket-svc's
        // 20 s; the margin is for a busy build machine
        assertTrue(millis < 15_000, "gave up after the timeout, not after ticket-svc's delay: " + millis + " ms");

        ticketSvc.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(802, null, null))));
        outboxDelivery.deliverDue();
        asServiceWorker().body("{\"channelId\":\"" + channelId + "\"}").post(PATH)
                .then().statusCode(200).body("ticketId", is(802));
        assertEquals(1, countEntries(channelId));
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndStopCallingTicketSvc() {
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 7; i++) {
            asServiceWorker().body("{\"channelId\":\"cb-" + i + "-" + UUID.randomUUID() + "\"}").post(PATH)
                    .then().statusCode(200).body("ticketId", nullValue());
        }
        int calls = ticketSvc.findAll(postRequestedFor(urlPathEqualTo(TICKET_PATH))).size();

        assertUnavailable("call_" + UUID.randomUUID());
        assertEquals(calls, ticketSvc.findAll(postRequestedFor(urlPathEqualTo(TICKET_PATH))).size(),
                "an open circuit answers without calling ticket-svc");
    }

    @Test
    void ticketSvc400IsPassedOnAs400WithoutRetry() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Invalid request: subject: size must be between 0 and 1000\","
                        + "\"code\":\"validation_failed\",\"details\":[{\"field\":\"subject\",\"message\":\"size\"}]}")));

        asServiceWorker().body("{\"channelId\":\"" + channelId + "\"}").post(PATH)
                .then().statusCode(400)
                .body("success", is(false))
                .body("code", equalTo("ticket_rejected"))
                .body("error", containsString("subject: size must be between 0 and 1000"));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(0, countEntries(channelId));
    }

    @Test
    void ticketSvcIdempotencyMismatchIs409() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"This Idempotency-Key was used for a different request\","
                        + "\"code\":\"idempotency_key_reused\",\"details\":[]}")));
        asServiceWorker().body("{\"channelId\":\"" + channelId + "\"}").post(PATH)
                .then().statusCode(409).body("code", equalTo("channel_id_conflict"));
        assertEquals(0, countEntries(channelId));
    }

    @Test
    void ticketSvcRefusingTheTokenIs403() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"This token lacks the permission for this operation\","
                        + "\"code\":\"forbidden\",\"details\":[]}")));
        asServiceWorker().body("{\"channelId\":\"" + channelId + "\"}").post(PATH)
                .then().statusCode(403)
                .body("code", equalTo("ticket_forbidden"))
                .body("error", containsString("lacks the permission"));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(0, countEntries(channelId));
    }

    @Test
    void idempotencyKeyReplaysACallWithoutChannelId() {
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(900, null, null))));
        String key = UUID.randomUUID().toString();
        String body = "{\"phone\":\"+49309\",\"callerName\":\"Key " + key + "\"}";

        Response first = asServiceWorker().header("Idempotency-Key", key).body(body).post(PATH);
        first.then().statusCode(200).body("ticketId", is(900));
        asServiceWorker().header("Idempotency-Key", key).body(body).post(PATH)
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("queueId", is((Integer) first.path("queueId")));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> queue.count("callerName", "Key " + key)));
    }

    // ---- bad input -----------------------------------------------------------------------------

    @Test
    void missingBodyIs400() {
        asServiceWorker().post(PATH).then().statusCode(400).body("success", is(false));
    }

    @Test
    void wrongTypeNamesTheField() {
        asServiceWorker().body("{\"subchannelId\":\"five\"}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("subchannelId"))
                .body("details[0].message", equalTo("must be an integer"));
        asServiceWorker().body("{\"triggerAiProcessing\":\"maybe\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("triggerAiProcessing"));
    }

    @Test
    void unknownEnumValuesNameTheFieldAndTheChoices() {
        asServiceWorker().body("{\"routing\":\"acd\"}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("routing"))
                .body("details[0].message", allOf(containsString("none"), containsString("external"),
                        containsString("native"), not(containsString("native_"))));
        asServiceWorker().body("{\"direction\":\"sideways\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("direction"));
        asServiceWorker().body("{\"status\":\"done\"}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("status"))
                .body("details[0].message", containsString("waitingOnThirdParty"));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    /** ticket-svc makes a pending ticket only with a future dueBy, which a call cannot carry: refused up front. */
    @Test
    void pendingStatusIs400NamingStatusAndRegistersNothing() {
        String channelId = "call_" + UUID.randomUUID();
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(510, null, null))));
        asServiceWorker().body("{\"channelId\":\"" + channelId + "\",\"routing\":\"external\",\"status\":\"pending\"}")
                .post(PATH).then().statusCode(400)
                .body("success", is(false))
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("status"))
                .body("details[0].message", allOf(containsString("pending"), containsString("due date"),
                        containsString("waitingOnCustomer")));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(0, countEntries(channelId));
    }

    @Test
    void everyOtherTicketStatusIsPassedOn() {
        for (String status : List.of("open", "resolved", "closed", "waitingOnCustomer", "waitingOnThirdParty")) {
            ticketSvc.resetAll();
            ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(okJson(ticket(511, null, null))));
            asServiceWorker().body("{\"channelId\":\"call_" + UUID.randomUUID() + "\",\"status\":\"" + status + "\"}")
                    .post(PATH).then().statusCode(200);
            assertEquals(status, JsonPath.from(onlyTicketRequest().getBodyAsString()).getString("status"));
        }
    }

    @Test
    void transcriptEntriesNeedSpeakerAndMessage() {
        asServiceWorker().body("{\"transcript\":[{\"speaker\":\"bot\",\"message\":\"hi\"},{\"message\":\"who?\"}]}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("transcript[1].speaker"));
        asServiceWorker().body("{\"transcript\":[{\"speaker\":\"bot\"}]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("transcript[0].message"));
        asServiceWorker().body("{\"transcript\":[{\"speaker\":\"bot\",\"message\":\"x\",\"timestamp\":\"yesterday\"}]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("transcript[0].timestamp"));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void transcriptIsBounded() {
        StringBuilder many = new StringBuilder("{\"transcript\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"speaker\":\"bot\",\"message\":\"m\"}");
        }
        asServiceWorker().body(many.append("]}").toString()).post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("transcript"));
        asServiceWorker().body("{\"transcript\":[{\"speaker\":\"bot\",\"message\":\"" + "x".repeat(10_001) + "\"}]}")
                .post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("transcript[0].message"));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void transcriptTooLongForATicketIs400() {
        String message = "y".repeat(9_000);
        StringBuilder body = new StringBuilder("{\"transcript\":[");
        for (int i = 0; i < 60; i++) {
            body.append(i == 0 ? "" : ",").append("{\"speaker\":\"bot\",\"message\":\"").append(message).append("\"}");
        }
        asServiceWorker().body(body.append("]}").toString()).post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("transcript"))
                .body("details[0].message", containsString("500000"));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void stringsAreBounded() {
        asServiceWorker().body("{\"channelId\":\"" + "c".repeat(256) + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("channelId"));
        asServiceWorker().body("{\"callerName\":\"" + "n".repeat(321) + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("callerName"));
    }

    @Test
    void outboundWithoutToIs400NamingIt() {
        asServiceWorker().body("{\"direction\":\"out\",\"agentId\":3}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("to"));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void userIdWithNativeRoutingIs400NamingIt() {
        asServiceWorker().body("{\"routing\":\"native\",\"userId\":42}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("userId"));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        // without routing a userId makes the call external (DefaultRoutingTest)
    }

    // ---- security ------------------------------------------------------------------------------

    @Test
    void openApiDocumentsTheEndpoint() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/mind/telephony/callReceived"))
                .body("components.schemas.Routing.enum", org.hamcrest.Matchers.hasItem("native"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** ticket-svc failed: the call is kept all the same, without ticket (its creation waits in the outbox). */
    private io.restassured.response.ValidatableResponse assertUnavailable(String channelId) {
        var response = asServiceWorker().body("{\"channelId\":\"" + channelId + "\",\"callerName\":\"Down\"}").post(PATH)
                .then().statusCode(200)
                .body("success", is(true))
                .body("ticketId", nullValue())
                .body("queueId", notNullValue());
        assertEquals(1, countEntries(channelId), "the call is kept in telephony's schema");
        return response;
    }

    private LoggedRequest onlyTicketRequest() {
        List<LoggedRequest> sent = ticketSvc.findAll(postRequestedFor(urlPathEqualTo(TICKET_PATH)));
        assertEquals(1, sent.size());
        return sent.get(0);
    }

    static String ticket(long id, String contractId, String customerId) {
        return "{\"success\":true,\"id\":" + id + ",\"channel\":\"phone\",\"status\":\"open\",\"contractId\":"
                + json(contractId) + ",\"customerId\":" + json(customerId) + ",\"tags\":[]}";
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static RequestSpecification asServiceWorker() {
        return given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON);
    }

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private Optional<QueueEntry> entry(String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId));
    }

    private long countEntries(String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> queue.count("channelId", channelId));
    }

    /** A call claimed by a request that has not made its ticket yet. */
    private long insertClaim(String channelId, String claimedAt) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) queue.getEntityManager().createNativeQuery("""
                insert into queue_entry (channel_id, status, channel, routing, direction, created_at, updated_at, claimed_at)
                values (?1, 'preProcessing', 'phone', 'native', 'in', %1$s, %1$s, %1$s)
                returning id""".formatted(claimedAt))
                .setParameter(1, channelId).getSingleResult()).longValue());
    }

    private String routingColumn(long id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) queue.getEntityManager()
                .createNativeQuery("select routing from queue_entry where id = ?1").setParameter(1, id).getSingleResult());
    }
}
