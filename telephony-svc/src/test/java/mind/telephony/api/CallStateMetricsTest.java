package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.domain.QueueStatus;
import mind.telephony.service.AcdSettings;

/**
 * mind_calls_state_total{state} at /q/metrics: one per call entering a queue state, none for a repeated event
 * (the same channelId reported again) or a refused one. Other tests make calls in the same JVM: each test compares
 * the counters before and after its own requests (the routing pass and the outbox run only when a test runs them).
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class CallStateMetricsTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    AcdSettings acd;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    String channelId;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        acd.forget();
        channelId = "call_" + UUID.randomUUID();
        CallStubs.ticketSvc(ticketSvc, ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000));
        CallStubs.settingsSvc(settingsSvc, 600);
    }

    /** The counter of every queue state, read from /q/metrics (0 for a state never entered). */
    private static Map<QueueStatus, Double> states() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<QueueStatus, Double> states = new LinkedHashMap<>();
        for (QueueStatus state : QueueStatus.values()) {
            Matcher m = Pattern.compile("^mind_calls_state_total\\{[^}]*state=\"" + state + "\"[^}]*} ([0-9.E]+)$",
                    Pattern.MULTILINE).matcher(metrics);
            states.put(state, m.find() ? Double.parseDouble(m.group(1)) : 0);
        }
        return states;
    }

    /** How much each state's counter grew from {@code before} to now. */
    private static Map<QueueStatus, Double> grown(Map<QueueStatus, Double> before) {
        Map<QueueStatus, Double> grown = new LinkedHashMap<>();
        states().forEach((state, now) -> grown.put(state, now - before.get(state)));
        return grown;
    }

    private static Map<QueueStatus, Double> only(Map<QueueStatus, Integer> expected) {
        Map<QueueStatus, Double> all = new LinkedHashMap<>();
        for (QueueStatus state : QueueStatus.values()) {
            all.put(state, (double) expected.getOrDefault(state, 0));
        }
        return all;
    }

    @Test
    void eachTransitionCountsOnceAndRepeatsAndRefusalsNotAtAll() {
        Map<QueueStatus, Double> before = states();

        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.connected(42, channelId).then().statusCode(200);
        CallStubs.connected(42, channelId).then().statusCode(200);
        CallStubs.completed(channelId).then().statusCode(200);
        CallStubs.completed(channelId).then().statusCode(200);
        CallStubs.connected(43, channelId).then().statusCode(409);
        CallStubs.connected(42, "call_" + UUID.randomUUID()).then().statusCode(404);

        assertEquals(only(Map.of(QueueStatus.waitingForAgent, 1, QueueStatus.assigned, 1, QueueStatus.completed, 1)),
                grown(before));
    }

    /** ticket-svc answers a call's ticket with this status. */
    private void ticketAnswers(String channelId, int status) {
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.channelId", equalTo(channelId)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"error\":\"no\",\"code\":\"failed\",\"details\":[]}")));
    }

    @Test
    void everyWayOfRegisteringCountsTheFirstStateOnceAndARefusedCallNone() {
        String refused = "call_" + UUID.randomUUID();
        ticketAnswers(refused, 400);
        String deferred = "call_" + UUID.randomUUID();
        ticketAnswers(deferred, 503);
        Map<QueueStatus, Double> before = states();

        // arrives with its agent: assigned when registered, the connection that follows changes no state
        CallStubs.received(channelId, ",\"routing\":\"external\",\"userId\":42").then().statusCode(200);
        CallStubs.received(channelId, ",\"routing\":\"external\",\"userId\":42").then().statusCode(200);
        CallStubs.connected(42, channelId).then().statusCode(200);
        // ticket-svc down: kept, its ticket follows through the outbox
        CallStubs.received(deferred, "").then().statusCode(200);
        CallStubs.received(deferred, "").then().statusCode(200);
        // without channelId: nothing to claim
        CallStubs.send("callReceived", "{\"phone\":\"+491234567890\"}").then().statusCode(200);
        CallStubs.received(refused, "").then().statusCode(400).body("code", is("ticket_rejected"));

        assertEquals(only(Map.of(QueueStatus.assigned, 1, QueueStatus.waitingForAgent, 2)), grown(before));
    }

    @Test
    void aCallWaitingTooLongIsDeclinedOnce() {
        settingsSvc.resetAll();
        CallStubs.settingsSvc(settingsSvc, 0);
        acd.forget();
        Map<QueueStatus, Double> before = states();

        CallStubs.received(channelId, "").then().statusCode(200);
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", TestTokens.serviceWorker()).queryParam("channelId", channelId)
                    .get(CallStubs.BASE + "getRouting").then().statusCode(200).body("status", is("declined"));
        }

        assertEquals(only(Map.of(QueueStatus.waitingForAgent, 1, QueueStatus.declined, 1)), grown(before));
        given().get("/q/metrics").then().body(containsString("# HELP mind_calls_state Calls entering a routing queue state"));
    }
}
