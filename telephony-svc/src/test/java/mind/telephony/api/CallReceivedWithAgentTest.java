package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import io.restassured.path.json.JsonPath;
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

/**
 * A call that arrives with its agent (callReceived with userId, an outbound call with agentId) connects that agent
 * exactly as a later agentConnected would: the agent goes inCall in settings-svc (through the outbox), is held so
 * native routing gives them no second call, the ticket is assigned and callConnected logged, and callCompleted then
 * moves the agent to wrapUp and frees them. Once only: a repeated callReceived changes nothing. Each test has its own
 * tag, subchannel and agent, so calls other tests left waiting never compete.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class CallReceivedWithAgentTest {

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

    long tag;
    long subchannel;
    long agent;
    long ticketId;
    /** The native call {@link #assertNoSecondCall} left waiting. */
    String nativeCall;

    @BeforeEach
    void reset() {
        OutboxRows.clear(queue);
        ticketSvc.resetAll();
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        tag = random.nextLong(10_000, 1_000_000_000);
        subchannel = random.nextLong(10_000, 1_000_000_000);
        agent = random.nextLong(100_000, 1_000_000_000);
        ticketId = random.nextLong(1_000_000, 1_000_000_000);
        CallStubs.ticketSvc(ticketSvc, ticketId);
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/settings")).willReturn(okJson("""
                [{"name":"acdEnabled","value":true},
                 {"name":"acdQueues","value":[{"name":"Billing","skills":[%d],"subchannelIds":[%d]}]},
                 {"name":"acdWrapUpSeconds","value":15},
                 {"name":"acdMaxWaitSeconds","value":600},
                 {"name":"acdRingTimeoutSeconds","value":60}]""".formatted(tag, subchannel))));
        // settings-svc lists the agent idle throughout: what keeps them from a second call is this service's hold
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/profiles")).willReturn(okJson("""
                [{"id":%d,"type":"user","settings":{"status":"available","callRoutingStatus":"idle","skills":[%d]}}]"""
                .formatted(agent, tag))));
        settingsSvc.stubFor(patch(urlPathMatching("/api/mind/profile/\\d+/routingStatus")).willReturn(okJson("{\"success\":true}")));
        acd.forget();
    }

    @Test
    void callReceivedWithUserIdConnectsTheAgentAsAgentConnectedWould() {
        String channelId = "call_" + UUID.randomUUID();
        String body = "{\"routing\":\"external\",\"phone\":\"+49301234568\",\"channelId\":\"%s\",\"callerName\":\"Ext2\","
                + "\"userId\":%d}";
        int queueId = CallStubs.send("callReceived", body.formatted(channelId, agent)).then().statusCode(200)
                .body("ticketId", is((int) ticketId)).extract().path("queueId");

        assertConnected(channelId, ticketId);
        assertNoSecondCall();

        // a repeat of the call, of agentConnected for the same agent: nothing twice; another agent: 409
        CallStubs.send("callReceived", body.formatted(channelId, agent)).then().statusCode(200)
                .body("queueId", is(queueId)).body("ticketId", is((int) ticketId));
        CallStubs.connected(agent, channelId).then().statusCode(200);
        CallStubs.connected(agent + 1, channelId).then().statusCode(409).body("code", is("invalid_call_state"));
        outbox.deliverDue();
        assertEquals(1, routingStatuses("inCall"), "inCall once");
        assertEquals(List.of("callReceived", "callConnected"), activityTypes(channelId, ticketId), "connected once");

        assertCompletedAsAfterAgentConnected(channelId, ticketId);
    }

    @Test
    void anOutboundCallWithAgentIdConnectsTheAgentAsAgentConnectedWould() {
        String channelId = "call_" + UUID.randomUUID();
        String body = "{\"direction\":\"out\",\"to\":\"+4940555\",\"callerName\":\"Max\",\"channelId\":\"%s\",\"agentId\":%d}";
        int queueId = CallStubs.send("callReceived", body.formatted(channelId, agent)).then().statusCode(200)
                .body("ticketId", is((int) ticketId)).extract().path("queueId");

        assertConnected(channelId, ticketId);
        assertNoSecondCall();

        CallStubs.send("callReceived", body.formatted(channelId, agent)).then().statusCode(200).body("queueId", is(queueId));
        outbox.deliverDue();
        assertEquals(1, routingStatuses("inCall"), "inCall once");
        assertEquals(List.of("callReceived", "callConnected"), activityTypes(channelId, ticketId), "connected once");

        assertCompletedAsAfterAgentConnected(channelId, ticketId);
    }

    @Test
    void callReceivedWithUserIdAndRoutingNoneConnectsTheAgentToo() {
        String channelId = "call_" + UUID.randomUUID();
        CallStubs.received(channelId, ",\"routing\":\"none\",\"userId\":" + agent).then().statusCode(200);
        assertConnected(channelId, ticketId);
        assertNoSecondCall();
        assertCompletedAsAfterAgentConnected(channelId, ticketId);
    }

    /** What agentConnected leaves behind: entry connected, agent inCall, ticket assigned, callConnected logged. */
    private void assertConnected(String channelId, long ticket) {
        QueueEntry entry = entry(channelId);
        assertEquals("assigned", entry.status.name());
        assertEquals(agent, entry.assignedUserId);

        outbox.deliverDue();
        assertEquals(1, routingStatuses("inCall"), "the agent goes inCall in settings-svc");
        ticketSvc.verify(patchRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticket))
                .withRequestBody(matchingJsonPath("$.agentId", equalTo(Long.toString(agent)))));
        assertEquals(List.of("callReceived", "callConnected"), activityTypes(channelId, ticket));
        JsonPath connected = activity(channelId, ticket).get(1);
        assertEquals(agent, connected.getLong("data.userId"));
        assertNotNull(entry(channelId).connectedAt, "connected, as by agentConnected");
    }

    /** A native call for the agent's skill waits: the agent is in a call (though settings-svc still lists them idle). */
    private void assertNoSecondCall() {
        long nativeTicket = ticketId + 1;
        CallStubs.ticketSvc(ticketSvc, nativeTicket);
        String waiting = "call_" + UUID.randomUUID();
        CallStubs.received(waiting, ",\"routing\":\"native\",\"subchannelId\":" + subchannel).then().statusCode(200);
        routingOf(waiting).then().statusCode(200).body("status", is("waitingForAgent")).body("assignedUserId", nullValue())
                .body("primaryTagId", is((int) tag));
        assertEquals(0, routingStatuses("reserved"), "the agent was not reserved for a second call");
        nativeCall = waiting;
    }

    /** callCompleted as after agentConnected: wrapUp at once, idle after the wrap-up time, free for the next call. */
    private void assertCompletedAsAfterAgentConnected(String channelId, long ticket) {
        CallStubs.completed(channelId).then().statusCode(200);
        outbox.deliverDue();
        settingsSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/profile/" + agent + "/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("wrapUp")))
                .withRequestBody(matchingJsonPath("$.ifCurrent", equalTo("inCall"))));
        assertEquals(0, routingStatuses("idle"), "idle only after acdWrapUpSeconds");
        assertEquals(List.of("callReceived", "callConnected", "callCompleted"), activityTypes(channelId, ticket));
        QueueEntry entry = entry(channelId);
        assertEquals("completed", entry.status.name());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) queue.getEntityManager().createNativeQuery("""
                select count(*) from outbox where queue_entry_id = ?1 and kind = 'routingStatus' and done_at is null
                    and payload -> 'body' ->> 'callRoutingStatus' = 'idle' and payload -> 'body' ->> 'ifCurrent' = 'wrapUp'
                    and (payload ->> 'userId')::bigint = ?2 and next_attempt_at > now()""")
                .setParameter(1, entry.id).setParameter(2, agent).getSingleResult()).longValue()),
                "idle (ifCurrent wrapUp) waits in the outbox for the wrap-up time");
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> queue.getEntityManager().createNativeQuery(
                "select 1 from agent_state where user_id = ?1 and current_entry_id is null and last_call_ended_at is not null")
                .setParameter(1, agent).getResultList()).size(), "the agent is free again and idle since the call ended");

        // free: the native call that waited now gets the agent
        routingOf(nativeCall).then().statusCode(200).body("status", is("assigned")).body("assignedUserId", is((int) agent));
        CallStubs.completed(nativeCall).then().statusCode(200); // nothing left ringing for other tests
    }

    private int routingStatuses(String status) {
        return settingsSvc.findAll(patchRequestedFor(urlPathEqualTo("/api/mind/profile/" + agent + "/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo(status)))).size();
    }

    /** The activity of one call (the native call of a test writes to another ticket, found by channelId all the same). */
    private List<JsonPath> activity(String channelId, long ticket) {
        return CallStubs.activity(ticketSvc, channelId, ticket).stream()
                .filter(j -> channelId.equals(j.getString("data.channelId"))).toList();
    }

    private List<String> activityTypes(String channelId, long ticket) {
        return activity(channelId, ticket).stream().map(j -> j.getString("type")).toList();
    }

    private QueueEntry entry(String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
    }

    private static Response routingOf(String channelId) {
        return given().header("Authorization", TestTokens.serviceWorker()).queryParam("channelId", channelId)
                .get(CallStubs.BASE + "getRouting");
    }
}
