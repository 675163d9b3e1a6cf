package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.domain.QueueEntry;
import mind.telephony.outbox.OutboxDelivery;
import mind.telephony.repository.QueueEntryRepository;
import mind.telephony.service.AcdSettings;

/**
 * agentConnected and callCompleted naming by ticketId a ticket that no callReceived made ("if given, attach to this
 * ticket"): when ticket-svc has the ticket, a call is made for it and the event takes the path of every received
 * call; when it has none, 404; when it cannot be asked, 503. Either refusal leaves no call behind.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class TicketWithoutCallTest {

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

    /** A ticket ticket-svc has, made without any call. */
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
        // callReceived would make another ticket; these tests never report the call
        CallStubs.ticketSvc(ticketSvc, ticketId + 1);
        CallStubs.existingTicket(ticketSvc, ticketId, "c-9");
        CallStubs.settingsSvc(settingsSvc, 600);
    }

    private static Response completedForTicket(long ticketId) {
        return CallStubs.send("callCompleted", """
                {"ticketId":%d,"transcript":[{"speaker":"customer","message":"My meter is broken.","timestamp":"2024-01-23T14:32:11Z"}],
                 "totalDurationSeconds":300,"botDurationSeconds":45,"queueDurationSeconds":30,"humanDurationSeconds":225}"""
                .formatted(ticketId));
    }

    private List<QueueEntry> calls(long ticketId) {
        return QuarkusTransaction.requiringNew().call(() -> queue.list("ticketId", ticketId));
    }

    @Test
    void callCompletedStoresTheTranscriptAndDurationsOnTheTicket() {
        completedForTicket(ticketId).then().statusCode(200).body("success", is(true));

        LoggedRequest read = ticketSvc.findAll(getRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId))).get(0);
        assertTrue(read.getHeader("Authorization").startsWith("Bearer ey")
                && !read.getHeader("Authorization").equals("Bearer test-service-token"), "read with the caller's token");
        List<QueueEntry> calls = calls(ticketId);
        assertEquals(1, calls.size(), "the ticket got its call");
        QueueEntry call = calls.get(0);
        assertEquals("completed", call.status.name());
        assertEquals("external", call.routing.wire());
        assertEquals("in", call.direction.name());
        assertEquals("phone", call.channel.name());
        assertEquals("c-9", call.contractId, "the ticket's contract");
        assertNull(call.channelId);
        assertNotNull(call.completedAt);
        assertEquals(300, call.totalDurationSeconds);
        assertEquals(45, call.botDurationSeconds);
        assertEquals(225, call.humanDurationSeconds);

        outbox.deliverDue();
        List<LoggedRequest> stored = ticketSvc.findAll(
                postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/conversation/store")));
        assertEquals(1, stored.size());
        assertTrue(stored.get(0).getBodyAsString().contains("My meter is broken."), stored.get(0).getBodyAsString());
        assertEquals(List.of("callCompleted"), CallStubs.activityTypes(ticketSvc, "none", ticketId));
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("ticketId", ticketId)
                .get(CallStubs.BASE + "getRouting").then().statusCode(200)
                .body("status", is("completed")).body("ticketId", is((int) ticketId));

        // a repeat finds the call made: the first report stands, nothing twice
        completedForTicket(ticketId).then().statusCode(200);
        outbox.deliverDue();
        assertEquals(1, calls(ticketId).size());
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/conversation/store")));
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
    }

    @Test
    void agentConnectedConnectsTheAgentAndKeepsTheChannelIdForLaterEvents() {
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":" + ticketId + ",\"channelId\":\"" + channelId + "\"}")
                .then().statusCode(200).body("success", is(true));

        QueueEntry call = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals(ticketId, call.ticketId);
        assertEquals("assigned", call.status.name());
        assertEquals(42L, call.assignedUserId);
        assertNotNull(call.connectedAt);
        outbox.deliverDue();
        ticketSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId))
                .withRequestBody(matchingJsonPath("$.agentId", equalTo("42"))));
        settingsSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/profile/42/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("inCall"))));

        // the call now has this channelId: callCompleted by it alone finds it, the agent goes to wrapUp
        CallStubs.completed(channelId).then().statusCode(200);
        outbox.deliverDue();
        assertEquals(List.of("callConnected", "callCompleted"), CallStubs.activityTypes(ticketSvc, channelId, ticketId));
        settingsSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/profile/42/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("wrapUp"))));
        assertEquals(1, calls(ticketId).size());
        assertEquals("completed", calls(ticketId).get(0).status.name());
    }

    @Test
    void aTicketTicketSvcDoesNotHaveIs404AndMakesNoCall() {
        long missing = ticketId + 2;
        completedForTicket(missing).then().statusCode(404)
                .body("code", is("not_found"))
                .body("error", containsString("no ticket " + missing));
        CallStubs.send("agentConnected", "{\"userId\":42,\"ticketId\":" + missing + ",\"channelId\":\"" + channelId + "\"}")
                .then().statusCode(404).body("code", is("not_found"));
        assertEquals(0, calls(missing).size());
        assertEquals(false, QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).isPresent()));
        outbox.deliverDue();
        ticketSvc.verify(0, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/" + missing)));
        settingsSvc.verify(0, patchRequestedFor(urlPathEqualTo("/api/mind/profile/42/routingStatus")));
    }

    @Test
    void ticketSvcDownWhileAskedIs503AndMakesNoCall() {
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/" + ticketId)).willReturn(aResponse().withStatus(500)));
        completedForTicket(ticketId).then().statusCode(503)
                .body("code", is("dependency_unavailable"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(0, calls(ticketId).size());

        // back: the resend is attached
        CallStubs.existingTicket(ticketSvc, ticketId, null);
        circuitBreakers.resetAll();
        completedForTicket(ticketId).then().statusCode(200);
        assertEquals(1, calls(ticketId).size());
    }

    @Test
    void eventsForTheTicketAtTheSameTimeMakeOneCall() throws Exception {
        List<Response> answers = Concurrently.run(6, () -> completedForTicket(ticketId));
        for (Response answer : answers) {
            assertEquals(200, answer.statusCode(), answer.asString());
        }
        assertEquals(1, calls(ticketId).size(), "one call for the ticket");
        outbox.deliverDue();
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/conversation/store")));
    }
}
