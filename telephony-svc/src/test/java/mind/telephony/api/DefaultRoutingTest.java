package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.domain.QueueEntry;
import mind.telephony.outbox.OutboxDelivery;
import mind.telephony.repository.QueueEntryRepository;
import mind.telephony.service.AcdSettings;
import mind.telephony.service.NativeRouting;

/**
 * An inbound callReceived without routing (telephony.md §1: "routing is decided later"): Mind's to route (native)
 * while the ACD is enabled, the phone platform's (external) while it is off, and external whenever it arrives with
 * its agent (userId). While the ACD is off no call is declined for its waiting time, so a phone platform with its
 * own ACD may connect an agent at any time.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class DefaultRoutingTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    OutboxDelivery outbox;

    @Inject
    AcdSettings acd;

    @Inject
    NativeRouting routing;

    @Inject
    QueueEntryRepository queue;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    long ticketId;
    long agent;
    String channelId;

    @BeforeEach
    void reset() {
        OutboxRows.clear(queue);
        ticketSvc.resetAll();
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ticketId = random.nextLong(1_000_000, 1_000_000_000);
        agent = random.nextLong(100_000, 1_000_000_000);
        channelId = "call_" + UUID.randomUUID();
        CallStubs.ticketSvc(ticketSvc, ticketId);
        // nobody is free for calls: native routing, were it to run, leaves calls waiting
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/profiles")).willReturn(okJson("[]")));
        settingsSvc.stubFor(patch(urlPathMatching("/api/mind/profile/\\d+/routingStatus")).willReturn(okJson("{\"success\":true}")));
        acd(false, 600);
    }

    /** The ACD settings settings-svc answers from now on. */
    private void acd(boolean enabled, int maxWaitSeconds) {
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/settings")).willReturn(okJson("""
                [{"name":"acdEnabled","value":%s},
                 {"name":"acdQueues","value":[]},
                 {"name":"acdWrapUpSeconds","value":15},
                 {"name":"acdMaxWaitSeconds","value":%d},
                 {"name":"acdRingTimeoutSeconds","value":25}]""".formatted(enabled, maxWaitSeconds))));
        acd.forget();
    }

    private QueueEntry entry() {
        return QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
    }

    private Response routingOf() {
        return given().header("Authorization", TestTokens.serviceWorker()).queryParam("channelId", channelId)
                .get(CallStubs.BASE + "getRouting");
    }

    @Test
    void withoutRoutingAnInboundCallIsExternalWhileTheAcdIsOff() {
        CallStubs.received(channelId, "").then().statusCode(200)
                .body("ticketId", is((int) ticketId))
                .body("ioResponse", is(TelephonyResource.NO_EXTERNAL_SYSTEM));
        QueueEntry entry = entry();
        assertEquals("external", entry.routing.wire());
        assertEquals("waitingForAgent", entry.status.name());
        assertEquals("external", CallStubs.activity(ticketSvc, channelId, ticketId).get(0).getString("data.routing"),
                "the receipt says so too");
    }

    @Test
    void withoutRoutingAnInboundCallIsNativeWhileTheAcdIsOn() {
        acd(true, 600);
        CallStubs.received(channelId, "").then().statusCode(200)
                .body("ioResponse", is(TelephonyResource.NOT_EXTERNAL));
        assertEquals("native", entry().routing.wire());
        assertEquals("native", CallStubs.activity(ticketSvc, channelId, ticketId).get(0).getString("data.routing"));
    }

    /** The case of the review: a platform with its own ACD leaves routing out and connects an agent much later. */
    @Test
    void aCallWithoutRoutingWaitsForItsAgentPastTheMaximumWaitWhileTheAcdIsOff() {
        acd(false, 0);
        CallStubs.received(channelId, "").then().statusCode(200);
        routing.pass();
        routingOf().then().statusCode(200).body("status", is("waitingForAgent")).body("declineReasonCode", nullValue());
        CallStubs.connected(agent, channelId).then().statusCode(200);
        routingOf().then().statusCode(200).body("status", is("assigned")).body("assignedUserId", is((int) agent));
        outbox.deliverDue();
        assertFalse(CallStubs.activityTypes(ticketSvc, channelId, ticketId).contains("callDeclined"));
    }

    /** A native call is declined for its waiting time only while the ACD, which would route it, is on. */
    @Test
    void noCallIsDeclinedWhileTheAcdIsOff() {
        acd(false, 0);
        CallStubs.received(channelId, ",\"routing\":\"native\"").then().statusCode(200);
        routing.pass();
        assertEquals("waitingForAgent", entry().status.name(), "the routing pass declined nothing");
        routingOf().then().statusCode(200).body("status", is("waitingForAgent")).body("declineReasonCode", nullValue());
        CallStubs.connected(agent, channelId).then().statusCode(200);
        assertEquals("assigned", entry().status.name());

        // with the ACD on, the maximum waiting time holds again
        channelId = "call_" + UUID.randomUUID();
        CallStubs.received(channelId, ",\"routing\":\"native\"").then().statusCode(200);
        acd(true, 0);
        routingOf().then().statusCode(200).body("status", is("declined")).body("declineReasonCode", is("maxWaitExceeded"));
    }

    /** A call that arrives with its agent was routed by the platform: the agent is connected, ACD on or off. */
    @Test
    void withoutRoutingAUserIdConnectsThatAgentAsExternalRoutingDoes() {
        for (boolean enabled : List.of(false, true)) {
            acd(enabled, 600);
            channelId = "call_" + UUID.randomUUID();
            ticketId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
            ticketSvc.resetAll();
            CallStubs.ticketSvc(ticketSvc, ticketId);
            CallStubs.received(channelId, ",\"userId\":" + agent).then().statusCode(200)
                    .body("ioResponse", is(TelephonyResource.NO_EXTERNAL_SYSTEM));
            QueueEntry entry = entry();
            assertEquals("external", entry.routing.wire(), "ACD enabled: " + enabled);
            assertEquals("assigned", entry.status.name());
            assertEquals(agent, entry.assignedUserId);
            outbox.deliverDue();
            assertEquals(List.of("callReceived", "callConnected"), CallStubs.activityTypes(ticketSvc, channelId, ticketId));
            CallStubs.completed(channelId).then().statusCode(200);
            outbox.deliverDue();
        }
        settingsSvc.verify(2, patchRequestedFor(urlPathEqualTo("/api/mind/profile/" + agent + "/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("inCall"))));
        // routing native with a userId stays a 400: native calls get their agent from Mind
        CallStubs.received("call_" + UUID.randomUUID(), ",\"routing\":\"native\",\"userId\":" + agent).then()
                .statusCode(400).body("details[0].field", is("userId"));
    }
}
