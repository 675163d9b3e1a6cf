package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.outbox.OutboxDelivery;
import mind.telephony.service.AcdSettings;
import mind.telephony.service.NativeRouting;

/**
 * Native routing over HTTP: getRouting gives a waiting native call the longest-idle matching agent, never one
 * agent to two calls (parallel requests), declines after acdMaxWaitSeconds. Each test uses its own tag,
 * subchannel and agent ids, so calls left waiting by other tests never compete.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class NativeRoutingTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    AcdSettings acd;

    @Inject
    NativeRouting routing;

    @Inject
    OutboxDelivery outbox;

    @Inject
    EntityManager em;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    long tag;
    long subchannel;
    long ticketId;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        acd.forget();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        tag = random.nextLong(10_000, 1_000_000_000);
        subchannel = random.nextLong(10_000, 1_000_000_000);
        ticketId = random.nextLong(1_000_000, 1_000_000_000);
        CallStubs.ticketSvc(ticketSvc, ticketId);
        acdSettings(600);
        settingsSvc.stubFor(patch(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/api/mind/profile/\\d+/routingStatus")).atPriority(5).willReturn(okJson("{\"success\":true}")));
    }

    private void acdSettings(int maxWaitSeconds) {
        acdSettings(maxWaitSeconds, 60);
    }

    private void acdSettings(int maxWaitSeconds, int ringTimeoutSeconds) {
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/settings")).willReturn(okJson("""
                [{"name":"acdEnabled","value":true},
                 {"name":"acdQueues","value":[{"name":"Billing","skills":[%d],"subchannelIds":[%d]}]},
                 {"name":"acdWrapUpSeconds","value":15},
                 {"name":"acdMaxWaitSeconds","value":%d},
                 {"name":"acdRingTimeoutSeconds","value":%d}]""".formatted(tag, subchannel, maxWaitSeconds,
                ringTimeoutSeconds))));
        acd.forget();
    }

    /** The agents settings-svc lists: id → {status, callRoutingStatus, skill}. */
    private void agents(Object[]... agents) {
        String list = java.util.Arrays.stream(agents)
                .map(a -> "{\"id\":%d,\"type\":\"enneo\",\"settings\":{\"status\":\"%s\",\"callRoutingStatus\":\"%s\",\"skills\":[%d]}}"
                        .formatted(a[0], a[1], a[2], a[3]))
                .collect(Collectors.joining(",", "[", "]"));
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/profiles")).willReturn(okJson(list)));
    }

    private Object[] idle(long id) {
        return new Object[] { id, "available", "idle", tag };
    }

    private static long agentId() {
        return ThreadLocalRandom.current().nextLong(100_000, 1_000_000_000);
    }

    private String call() {
        String channelId = "call_" + UUID.randomUUID();
        CallStubs.received(channelId, ",\"routing\":\"native\",\"subchannelId\":" + subchannel).then().statusCode(200);
        return channelId;
    }

    private static Response routingOf(String channelId) {
        return given().header("Authorization", TestTokens.serviceWorker()).queryParam("channelId", channelId)
                .get(CallStubs.BASE + "getRouting");
    }

    private static Integer assignedTo(String channelId) {
        return routingOf(channelId).then().statusCode(200).extract().path("assignedUserId");
    }

    private int reservations(long agent) {
        return settingsSvc.findAll(patchRequestedFor(urlPathEqualTo("/api/mind/profile/" + agent + "/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("reserved")))
                .withRequestBody(matchingJsonPath("$.ifCurrent", equalTo("idle")))).size();
    }

    private void talk(String channelId, long agent) {
        CallStubs.connected(agent, channelId).then().statusCode(200);
        CallStubs.completed(channelId).then().statusCode(200);
    }

    @Test
    void theLongestIdleMatchingAgentGetsTheCall() {
        long first = agentId();
        long second = agentId();
        long otherSkill = agentId();

        // each agent takes one call, `first` finishes before `second`
        agents(idle(first));
        String one = call();
        routingOf(one).then().statusCode(200).body("status", is("assigned")).body("assignedUserId", is((int) first))
                .body("primaryTagId", is((int) tag)).body("routedAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(1, reservations(first), "reserved in settings-svc with ifCurrent idle");
        talk(one, first);
        agents(idle(second));
        String two = call();
        assertEquals((int) second, assignedTo(two));
        talk(two, second);

        // both idle again, `second` listed first: `first` has been idle longer; the agent without the skill never
        agents(idle(second), new Object[] { otherSkill, "available", "idle", tag + 1 }, idle(first));
        String three = call();
        assertEquals((int) first, assignedTo(three));
        String four = call();
        assertEquals((int) second, assignedTo(four));
        String five = call();
        routingOf(five).then().statusCode(200).body("status", is("waitingForAgent")).body("assignedUserId", nullValue());
        assertEquals(0, reservations(otherSkill));

        // the routed call's assignment is in the ticket's activity
        outbox.deliverDue();
        List<String> types = ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/events")))
                .stream().map(r -> JsonPath.from(r.getBodyAsString()).getString("type")).toList();
        assertTrue(types.contains("callRouted"), types.toString());
    }

    @Test
    void agentsWithoutTheSkillOrNotIdleAreNeverChosen() {
        long wrongSkill = agentId();
        long wrappingUp = agentId();
        long offline = agentId();
        long onBreak = agentId();
        agents(new Object[] { wrongSkill, "available", "idle", tag + 1 },
                new Object[] { wrappingUp, "available", "wrapUp", tag },
                new Object[] { offline, "offline", "idle", tag },
                new Object[] { onBreak, "busy", "idle", tag });
        String channelId = call();
        routingOf(channelId).then().statusCode(200).body("status", is("waitingForAgent")).body("assignedUserId", nullValue())
                .body("primaryTagId", is((int) tag));
        settingsSvc.verify(0, patchRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/api/mind/profile/\\d+/routingStatus")));

        long matching = agentId();
        agents(new Object[] { wrongSkill, "available", "idle", tag + 1 }, idle(matching));
        assertEquals((int) matching, assignedTo(channelId));
    }

    @Test
    void anAgentTakenMeanwhileIsSkippedAndStaysFree() {
        long taken = agentId();
        long next = taken + 1;
        // neither had a call: the lower id comes first, but settings-svc says it is no longer idle
        agents(idle(next), idle(taken));
        settingsSvc.stubFor(patch(urlPathEqualTo("/api/mind/profile/" + taken + "/routingStatus")).atPriority(1)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json").withBody(
                        "{\"success\":false,\"error\":\"changed\",\"code\":\"routing_status_changed\",\"details\":[]}")));
        String channelId = call();
        assertEquals((int) next, assignedTo(channelId));
        assertEquals(1, reservations(taken), "tried first");

        // the refused agent was not kept: free for the next call once settings-svc agrees
        settingsSvc.stubFor(patch(urlPathEqualTo("/api/mind/profile/" + taken + "/routingStatus")).atPriority(1)
                .willReturn(okJson("{\"success\":true}")));
        assertEquals((int) taken, assignedTo(call()));
    }

    @Test
    void parallelPollsNeverGiveOneAgentTwoCalls() throws Exception {
        // calls other tests left waiting would take part in the routing passes below: decline them first
        routing.declineExpired(0);
        List<Long> agents = List.of(agentId(), agentId(), agentId());
        agents(agents.stream().map(this::idle).toArray(Object[][]::new));
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(call());
        }
        // every call polled twice at once, and routing passes (as other replicas run them) in between
        List<Integer> statuses = Concurrently.run(20, () -> {
            int n = ThreadLocalRandom.current().nextInt(calls.size() + 2);
            if (n >= calls.size()) {
                routing.pass();
                return 200;
            }
            return routingOf(calls.get(n)).statusCode();
        });
        statuses.addAll(Concurrently.run(calls.size(), new java.util.concurrent.Callable<Integer>() {
            final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public Integer call() {
                return routingOf(calls.get(next.getAndIncrement())).statusCode();
            }
        }));
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());

        Map<String, Integer> assigned = new java.util.HashMap<>();
        for (String c : calls) {
            Integer agent = assignedTo(c);
            if (agent != null) {
                assigned.put(c, agent);
            }
        }
        Set<Integer> distinct = new HashSet<>(assigned.values());
        assertEquals(assigned.size(), distinct.size(), "one agent, one call: " + assigned);
        assertEquals(3, assigned.size(), "every free agent got a call: " + assigned);
        for (long agent : agents) {
            assertEquals(1, reservations(agent), "agent " + agent + " reserved once");
        }
        // the oldest calls were served first
        assertEquals(Set.copyOf(calls.subList(0, 3)), assigned.keySet());
    }

    @Test
    void aYoungerCallPolledFirstWaitsForTheOlderOne() {
        routing.declineExpired(0);
        long agent = agentId();
        agents(idle(agent));
        String older = call();
        String younger = call();
        // the younger call asks first: the one free agent is the older call's
        routingOf(younger).then().statusCode(200).body("status", is("waitingForAgent")).body("assignedUserId", nullValue())
                .body("primaryTagId", is((int) tag));
        assertEquals((int) agent, assignedTo(older));
        routingOf(younger).then().statusCode(200).body("status", is("waitingForAgent"));

        // a second agent comes free: now the younger call gets it
        long second = agentId();
        agents(idle(agent), idle(second));
        assertEquals((int) second, assignedTo(younger));
    }

    @Test
    void aCallPastTheMaximumWaitIsDeclinedByTheRoutingPassWithAReason() {
        agents();
        String channelId = call();
        acdSettings(0);
        routing.pass();
        routingOf(channelId).then().statusCode(200).body("status", is("declined"))
                .body("declineReasonCode", is("maxWaitExceeded"))
                .body("declineReasonMessage", is("No agent took the call within 0 seconds"));
        // a declined call gets no agent even when one is free now
        agents(idle(agentId()));
        routingOf(channelId).then().statusCode(200).body("status", is("declined")).body("assignedUserId", nullValue());
        outbox.deliverDue();
        List<String> types = ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/events")))
                .stream().map(r -> JsonPath.from(r.getBodyAsString()))
                .filter(j -> "callDeclined".equals(j.getString("type"))).map(j -> j.getString("data.reasonCode")).toList();
        assertEquals(List.of("maxWaitExceeded"), types, "declined once, with its reason, in the ticket's activity");
    }

    @Test
    void aCallNotAnsweredWithinTheRingTimeoutIsOfferedToTheNextAgent() {
        long first = agentId();
        long second = first + 1;
        agents(idle(second), idle(first));
        acdSettings(600, 0); // every ring has lasted long enough by the next poll
        String channelId = call();
        assertEquals((int) first, assignedTo(channelId), "neither had a call: lower id first");
        assertEquals((int) second, assignedTo(channelId), "first did not answer: the next agent");
        assertEquals((int) first, assignedTo(channelId), "second did not answer either: first has waited longer now");
        outbox.deliverDue();
        settingsSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/profile/" + second + "/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("idle")))
                .withRequestBody(matchingJsonPath("$.ifCurrent", equalTo("reserved"))));
        List<String> types = ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/events")))
                .stream().map(r -> JsonPath.from(r.getBodyAsString()).getString("type")).toList();
        assertEquals(2, types.stream().filter("callNotAnswered"::equals).count(), types.toString());

        // once the agent answers, the ring timeout no longer applies
        CallStubs.connected(first, channelId).then().statusCode(200);
        routingOf(channelId).then().statusCode(200).body("status", is("assigned")).body("assignedUserId", is((int) first));
        assertEquals(2, reservations(first));
    }

    @Test
    void aCallerHangingUpBeforeTheAgentAnswersFreesTheAgent() {
        long agent = agentId();
        agents(idle(agent));
        String channelId = call();
        assertEquals((int) agent, assignedTo(channelId));
        CallStubs.completed(channelId).then().statusCode(200);
        outbox.deliverDue();
        settingsSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/profile/" + agent + "/routingStatus"))
                .withRequestBody(matchingJsonPath("$.callRoutingStatus", equalTo("idle")))
                .withRequestBody(matchingJsonPath("$.ifCurrent", equalTo("reserved"))));
        assertEquals((int) agent, assignedTo(call()), "free for the next call");
    }

    @Test
    void cleanStateFreesAgentsHeldByFinishedCalls() {
        long agent = agentId();
        agents(idle(agent));
        String held = call();
        assertEquals((int) agent, assignedTo(held));
        // a hold left behind (an older version, a manual fix in the database): the call is over, the agent still held
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update queue_entry set status = 'completed' where channel_id = ?1").setParameter(1, held).executeUpdate());
        String next = call();
        routingOf(next).then().statusCode(200).body("status", is("waitingForAgent"));
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("channelId", next)
                .queryParam("cleanState", true).get(CallStubs.BASE + "getRouting").then().statusCode(200)
                .body("status", is("assigned")).body("assignedUserId", is((int) agent));
    }

    @Test
    void thePassLooksAtWaitingCallsOnlyWhenAnAgentMayTakeOneAndStillFreesAReservationLeftBehind() {
        routing.declineExpired(0);
        long busy = agentId();
        agents(idle(busy));
        String first = call();
        assertEquals((int) busy, assignedTo(first));
        CallStubs.connected(busy, first).then().statusCode(200);
        // the only agent is in a call (settings-svc still lists it idle: its status change is in the outbox)
        String waitingCall = call();
        settingsSvc.resetRequests();
        routing.pass();
        assertEquals("waitingForAgent", statusOf(waitingCall));
        settingsSvc.verify(0, patchRequestedFor(urlPathEqualTo("/api/mind/profile/" + busy + "/routingStatus")));

        // a second agent, held for the waiting call by a replica that died between taking it and the assignment
        long held = agentId();
        agents(idle(busy), idle(held));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into agent_state (user_id, current_entry_id, reserved_at, updated_at)
                select ?1, id, now() - interval '1 hour', now() from queue_entry where channel_id = ?2""")
                .setParameter(1, held).setParameter(2, waitingCall).executeUpdate());
        routing.pass();
        assertEquals("assigned", statusOf(waitingCall), "the stale reservation was released and the call routed");
        assertEquals(1, reservations(held));
    }

    private String statusOf(String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select status from queue_entry where channel_id = ?1").setParameter(1, channelId).getSingleResult());
    }
}
