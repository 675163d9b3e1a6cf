package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.domain.QueueEntry;
import mind.telephony.outbox.OutboxDelivery;
import mind.telephony.repository.QueueEntryRepository;
import mind.telephony.service.AcdSettings;

/** agentConnected, callCompleted, getRouting, routingAvailability, acd/config, testOutboundCall over HTTP. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class CallLifecycleTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    OutboxDelivery outbox;

    @Inject
    AcdSettings acd;

    @Inject
    QueueEntryRepository queue;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    long ticketId;
    String channelId;

    @BeforeEach
    void reset() {
        OutboxRows.clear(queue);
        ticketSvc.resetAll();
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        acd.forget();
        ticketId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        channelId = "call_" + UUID.randomUUID();
        CallStubs.ticketSvc(ticketSvc, ticketId);
        CallStubs.settingsSvc(settingsSvc, 600);
    }

    private List<String> eventTypes() {
        return CallStubs.activityTypes(ticketSvc, channelId, ticketId);
    }

    // ---- agentConnected ----------------------------------------------------------------------

    @Test
    void agentConnectedAssignsTicketSetsAgentInCallAndLogsActivity() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.connected(42, channelId).then().statusCode(200).body("success", is(true));

        outbox.deliverDue();

        assertEquals(List.of("callReceived", "callConnected"), eventTypes(), "transitions in order");
        JsonPath receipt = CallStubs.activity(ticketSvc, channelId, ticketId).get(0);
        assertEquals("waitingForAgent", receipt.getString("data.status"), "the receipt travels with the ticket");
        assertEquals("native", receipt.getString("data.routing"));
        LoggedRequest event = ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/events"))).get(0);
        assertEquals("Bearer test-service-token", event.getHeader("Authorization"), "deliveries use the service token");
        assertTrue(event.getHeader("Idempotency-Key").startsWith("telephony-outbox-"));
        JsonPath data = JsonPath.from(event.getBodyAsString());
        assertEquals(42, data.getInt("data.userId"));
        assertEquals(channelId, data.getString("data.channelId"));
        assertEquals("assigned", data.getString("data.status"));
        ticketSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId))
                .withRequestBody(matchingJsonPath("$.agentId", equalTo("42"))));
        settingsSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/profile/42/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("inCall"))));

        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals("assigned", entry.status.name());
        assertEquals(42L, entry.assignedUserId);
    }

    @Test
    void agentConnectedByTicketId() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":" + ticketId + "}").then().statusCode(200);
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("ticketId", ticketId)
                .get(CallStubs.BASE + "getRouting").then().statusCode(200)
                .body("status", is("assigned")).body("assignedUserId", is(42));
    }

    /** The contract's own example names the call by both ids. */
    @Test
    void agentConnectedWithTicketIdAndChannelIdOfTheSameCall() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":" + ticketId + ",\"channelId\":\"" + channelId + "\"}")
                .then().statusCode(200).body("success", is(true));
        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals("assigned", entry.status.name());
        assertEquals(42L, entry.assignedUserId);
    }

    @Test
    void agentConnectedWithIdsOfDifferentCallsIs409AndChangesNothing() {
        CallStubs.received(channelId, "").then().statusCode(200);
        // the call with this channelId belongs to another ticket
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":" + (ticketId + 1) + ",\"channelId\":\"" + channelId + "\"}")
                .then().statusCode(409)
                .body("success", is(false))
                .body("code", is("call_mismatch"))
                .body("details.field", containsInAnyOrder("ticketId", "channelId"))
                .body("error", containsString(Long.toString(ticketId)));
        // no call has this channelId, and the ticket's call has another one
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":" + ticketId + ",\"channelId\":\"other_" + channelId + "\"}")
                .then().statusCode(409)
                .body("code", is("call_mismatch"))
                .body("error", containsString(channelId));
        outbox.deliverDue();
        assertEquals(List.of("callReceived"), eventTypes(), "nothing happened to the call");
        ticketSvc.verify(0, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId)));
        settingsSvc.verify(0, patchRequestedFor(urlPathEqualTo("/api/mind/profile/42/routingStatus")));
        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals("waitingForAgent", entry.status.name());
        assertEquals(null, entry.assignedUserId);
        assertEquals(false, QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId("other_" + channelId).isPresent()));
    }

    /** A call received without channelId: a channelId that no call has does not contradict its ticketId. */
    @Test
    void agentConnectedWithANewChannelIdForACallReceivedWithoutOne() {
        CallStubs.send("callReceived", "{\"phone\":\"+491234567890\"}").then().statusCode(200);
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":" + ticketId + ",\"channelId\":\"" + channelId + "\"}")
                .then().statusCode(200);
        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findWithoutChannelId(ticketId).orElseThrow());
        assertEquals("assigned", entry.status.name());
        assertEquals(42L, entry.assignedUserId);
    }

    @Test
    void agentConnectedNeedsTicketIdOrChannelId() {
        CallStubs.send("agentConnected", "{\"userId\":42}").then().statusCode(400)
                .body("details.field", containsInAnyOrder("ticketId", "channelId"))
                .body("error", containsString("is required"));
        CallStubs.send("agentConnected", "{\"channelId\":\"x\"}").then().statusCode(400)
                .body("details[0].field", is("userId"));
        CallStubs.send("agentConnected", "{\"userId\":-1,\"channelId\":\"x\"}").then().statusCode(400)
                .body("details[0].field", containsString("userId"));
    }

    @Test
    void agentConnectedForUnknownCallIs404() {
        CallStubs.connected(42, "never_" + UUID.randomUUID()).then().statusCode(404).body("code", is("not_found"));
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":999999999999}").then().statusCode(404);
    }

    @Test
    void callEventsAreForServicesOnly() {
        for (String path : List.of("agentConnected", "callCompleted")) {
            given().header("Authorization", TestTokens.agent(42)).contentType(ContentType.JSON)
                    .body("{\"userId\":42,\"channelId\":\"x\"}").post(CallStubs.BASE + path).then().statusCode(403);
            given().contentType(ContentType.JSON).body("{}").post(CallStubs.BASE + path).then().statusCode(401);
        }
        given().header("Authorization", TestTokens.agent(42)).queryParam("ticketId", 1)
                .get(CallStubs.BASE + "getRouting").then().statusCode(403);
    }

    // ---- callCompleted -----------------------------------------------------------------------

    @Test
    void callCompletedStoresTranscriptDurationsAndFreesTheAgent() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.connected(42, channelId).then().statusCode(200);
        CallStubs.completed(channelId).then().statusCode(200).body("success", is(true));

        outbox.deliverDue();

        assertEquals(List.of("callReceived", "callConnected", "callCompleted"), eventTypes());
        List<LoggedRequest> stored = ticketSvc.findAll(
                postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/conversation/store")));
        assertEquals(1, stored.size());
        assertTrue(stored.get(0).getBodyAsString().contains("My meter is broken."), stored.get(0).getBodyAsString());
        settingsSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/profile/42/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("wrapUp")))
                .withRequestBody(matchingJsonPath("$.ifCurrent", equalTo("inCall"))));

        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals("completed", entry.status.name());
        assertEquals(300, entry.totalDurationSeconds);
        assertEquals(45, entry.botDurationSeconds);
        assertEquals(30, entry.queueDurationSeconds);
        assertEquals(225, entry.humanDurationSeconds);
        assertEquals(300, entry.durationSeconds);
        assertTrue(entry.completedAt != null);
    }

    @Test
    void callCompletedWithTicketIdAndChannelIdOfTheSameCall() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.send("callCompleted", "{\"ticketId\":" + ticketId + ",\"channelId\":\"" + channelId
                + "\",\"totalDurationSeconds\":300}").then().statusCode(200).body("success", is(true));
        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals("completed", entry.status.name());
        assertEquals(300, entry.totalDurationSeconds);
    }

    @Test
    void callCompletedWithIdsOfDifferentCallsIs409AndChangesNothing() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.send("callCompleted", "{\"ticketId\":" + (ticketId + 1) + ",\"channelId\":\"" + channelId
                + "\",\"totalDurationSeconds\":300,\"transcript\":[{\"speaker\":\"customer\",\"message\":\"hi\"}]}")
                .then().statusCode(409)
                .body("code", is("call_mismatch"))
                .body("details.field", containsInAnyOrder("ticketId", "channelId"));
        outbox.deliverDue();
        assertEquals(List.of("callReceived"), eventTypes(), "nothing happened to the call");
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/conversation/store")));
        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals("waitingForAgent", entry.status.name());
        assertEquals(null, entry.totalDurationSeconds);
    }

    @Test
    void callCompletedValidation() {
        CallStubs.send("callCompleted", "{\"transcript\":[]}").then().statusCode(400).body("details[0].field", is("channelId"));
        CallStubs.send("callCompleted", "{\"channelId\":\"x\",\"totalDurationSeconds\":-1}").then().statusCode(400)
                .body("details[0].field", containsString("totalDurationSeconds"));
        CallStubs.send("callCompleted", "{\"channelId\":\"x\",\"transcript\":[{\"message\":\"no speaker\"}]}")
                .then().statusCode(400).body("details[0].field", containsString("speaker"));
        CallStubs.completed("never_" + UUID.randomUUID()).then().statusCode(404);
    }

    // ---- getRouting --------------------------------------------------------------------------

    @Test
    void getRoutingAnswersTheQueueEntryWithPositionDetails() {
        int queueId = CallStubs.received(channelId, "").then().statusCode(200).extract().path("queueId");
        for (String[] lookup : List.of(new String[] { "ticketId", Long.toString(ticketId) },
                new String[] { "channelId", channelId }, new String[] { "queueId", Integer.toString(queueId) })) {
            given().header("Authorization", TestTokens.serviceWorker()).queryParam(lookup[0], lookup[1])
                    .get(CallStubs.BASE + "getRouting").then().statusCode(200)
                    .body("id", is(queueId))
                    .body("ticketId", is((int) ticketId))
                    .body("status", is("waitingForAgent"))
                    .body("channel", is("phone"))
                    .body("createdAt", notNullValue())
                    .body("declineReasonCode", nullValue())
                    .body("positionDetails.position", notNullValue())
                    // no primary tag: every agent at work counts, the offline one does not
                    .body("positionDetails.agentsOnlineWithMatchingSkills", containsInAnyOrder(42, 43))
                    .body("positionDetails.estimatedWaitingTimeInSeconds", notNullValue());
        }
    }

    @Test
    void getRoutingTestStatusAndValidation() {
        CallStubs.received(channelId, "").then().statusCode(200);
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("ticketId", ticketId)
                .queryParam("testQueueStatusResponse", "declined").get(CallStubs.BASE + "getRouting").then().statusCode(200)
                .body("status", is("declined")).body("declineReasonCode", notNullValue())
                .body("declineReasonMessage", notNullValue());
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("ticketId", ticketId)
                .queryParam("testQueueStatusResponse", "assigned").get(CallStubs.BASE + "getRouting").then().statusCode(200)
                .body("status", is("assigned"));
        // the test answers changed nothing
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("ticketId", ticketId)
                .get(CallStubs.BASE + "getRouting").then().statusCode(200).body("status", is("waitingForAgent"));
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("ticketId", ticketId)
                .queryParam("testQueueStatusResponse", "bogus").get(CallStubs.BASE + "getRouting").then().statusCode(400)
                .body("details[0].field", is("testQueueStatusResponse"));
        given().header("Authorization", TestTokens.serviceWorker()).get(CallStubs.BASE + "getRouting").then()
                .statusCode(400).body("details[0].field", is("ticketId"));
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("ticketId", 999999999999L)
                .get(CallStubs.BASE + "getRouting").then().statusCode(404);
    }

    @Test
    void aCallWaitingPastTheMaximumIsDeclinedWithAReasonCode() {
        settingsSvc.resetAll();
        CallStubs.settingsSvc(settingsSvc, 0);
        acd.forget();
        CallStubs.received(channelId, "").then().statusCode(200);
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("channelId", channelId)
                .queryParam("forceReEvaluation", true).get(CallStubs.BASE + "getRouting").then().statusCode(200)
                .body("status", is("declined")).body("declineReasonCode", is("maxWaitExceeded"))
                .body("positionDetails.agentsOnlineWithMatchingSkills", empty());
        CallStubs.connected(42, channelId).then().statusCode(409).body("code", is("invalid_call_state"))
                .body("error", containsString("declined"));
        outbox.deliverDue();
        assertTrue(eventTypes().contains("callDeclined"), eventTypes().toString());
    }

    // ---- routingAvailability, acd/config, testOutboundCall -----------------------------------

    @Test
    void routingAvailability() {
        given().header("Authorization", TestTokens.agent(42)).queryParam("userId", 42)
                .get(CallStubs.BASE + "routingAvailability").then().statusCode(200)
                .body("success", is(true)).body("available", is(true)).body("callRoutingStatus", is("idle"))
                .body("skills", hasItems(46));
        given().header("Authorization", TestTokens.agent(43)).queryParam("userId", 42)
                .get(CallStubs.BASE + "routingAvailability").then().statusCode(403);
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("userId", 99)
                .get(CallStubs.BASE + "routingAvailability").then().statusCode(404);
        given().header("Authorization", TestTokens.serviceWorker())
                .get(CallStubs.BASE + "routingAvailability").then().statusCode(400).body("details[0].field", is("userId"));
    }

    @Test
    void acdConfigComesFromSettings() {
        given().header("Authorization", TestTokens.agent(42)).get(CallStubs.BASE + "acd/config").then().statusCode(200)
                .body("enabled", is(true)).body("wrapUpSeconds", is(15)).body("maxWaitSeconds", is(600))
                .body("ringTimeoutSeconds", is(25)).body("queues[0].name", is("Billing"))
                .body("routingOrder", is("longestIdle"));
        given().get(CallStubs.BASE + "acd/config").then().statusCode(401);
    }

    @Test
    void testOutboundCallValidatesAndSaysWhenNoProviderIsConfigured() {
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"phoneNumber\":\"0301234\",\"subchannelId\":5}").post(CallStubs.BASE + "testOutboundCall")
                .then().statusCode(400).body("details[0].field", is("phoneNumber"));
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"phoneNumber\":\"+4930901820\",\"subchannelId\":5}").post(CallStubs.BASE + "testOutboundCall")
                .then().statusCode(501).body("code", is("provider_not_configured"));
        given().header("Authorization", TestTokens.agent(42)).contentType(ContentType.JSON)
                .body("{\"phoneNumber\":\"+4930901820\"}").post(CallStubs.BASE + "testOutboundCall")
                .then().statusCode(403);
    }

    @Test
    void outboundCallValidatesAndSaysWhenNoProviderIsConfigured() {
        given().header("Authorization", TestTokens.agent(42)).contentType(ContentType.JSON)
                .body("{\"phoneNumber\":\"0301234\",\"subchannelId\":5}").post(CallStubs.BASE + "outboundCall")
                .then().statusCode(400).body("details[0].field", is("phoneNumber"));
        given().header("Authorization", TestTokens.agent(42)).contentType(ContentType.JSON)
                .body("{\"phoneNumber\":\"+4930901820\",\"subchannelId\":5,\"isPhoneNumberHidden\":true}")
                .post(CallStubs.BASE + "outboundCall")
                .then().statusCode(501).body("success", is(false)).body("code", is("provider_not_configured"))
                .body("error", containsString("mind.telephony.provider-outbound-call-url"));
    }
}
