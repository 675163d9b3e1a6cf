package mind.qualitycheck.hooks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import mind.common.hooks.EventOutboxRelay.Relayed;
import mind.common.testing.MindTestResource;
import mind.qualitycheck.service.TestJobs;
import mind.qualitycheck.service.TestTicketTester;
import mind.qualitycheck.support.Drain;
import mind.qualitycheck.support.Fixture;
import mind.qualitycheck.support.ServicesStub;
import mind.qualitycheck.support.ServicesStub.InjectServices;

/**
 * Tested tickets reach settings-svc's event hooks as TestTicketAiQuality: recorded with the result, relayed with the
 * worker's service token (WireMock stands in for settings-svc on the same server as aiagent-svc and ticket-svc).
 */
@QuarkusTest
@TestProfile(QualityHookRelayTest.HooksOn.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(ServicesStub.class)
class QualityHookRelayTest {

    static final String TOKEN = "quality-worker-token";
    static final String HOOKS = "/api/mind/settings/event-hook";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Worker off (the test tests by hand), relaying on by hand, settings-svc on the stub server. */
    public static class HooksOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mind.qualitycheck.worker.enabled", "false",
                    "mind.qualitycheck.worker.service-token", TOKEN,
                    "quarkus.rest-client.event-hooks.url", "${quarkus.rest-client.ticket.url}");
        }
    }

    @InjectServices
    WireMockServer services;

    @Inject
    TestJobs jobs;

    @Inject
    TestTicketTester tester;

    @Inject
    QualityHookRelay relay;

    @Inject
    EntityManager em;

    @BeforeEach
    void emptyOutbox() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from hook_outbox").executeUpdate());
        relay.forgetListenedTypes();
        services.stubFor(post(urlPathEqualTo(HOOKS + "/events"))
                .willReturn(okJson("{\"success\":true,\"accepted\":1,\"runs\":1}")));
    }

    private void hooksListenTo(String... types) {
        StringBuilder body = new StringBuilder("{\"success\":true,\"eventHooks\":[");
        for (int i = 0; i < types.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"event\":\"").append(types[i]).append("\"}");
        }
        services.stubFor(get(urlPathEqualTo(HOOKS)).willReturn(okJson(body.append("]}").toString())));
    }

    private int drain() {
        return Drain.all(jobs, tester);
    }

    private long waiting() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from hook_outbox").getSingleResult()).longValue());
    }

    private List<JsonNode> sentEvents() throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (LoggedRequest r : services.findAll(postRequestedFor(urlPathEqualTo(HOOKS + "/events")))) {
            JSON.readTree(r.getBodyAsString()).path("events").forEach(events::add);
        }
        return events;
    }

    @Test
    void eachTestedTicketIsOneEventWithItsResultSentWithTheWorkersToken() throws Exception {
        hooksListenTo("TicketUpdated", QualityHookEvents.TEST_TICKET_AI_QUALITY);
        Fixture met = Fixture.of(services, 2, "interaction", "interaction");
        Fixture missed = Fixture.of(services, 1, "reply", "interaction");
        int metRun = met.schedule();
        int missedRun = missed.schedule();
        services.resetRequests();

        assertEquals(3, drain());
        assertEquals(3, waiting(), "one event per tested ticket, written with its result");
        assertEquals(new Relayed(3, 0), relay.relay());
        assertEquals(0, waiting(), "sent events leave the outbox");
        assertEquals(Relayed.NOTHING, relay.relay());

        services.verify(1, postRequestedFor(urlPathEqualTo(HOOKS + "/events"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        List<JsonNode> events = sentEvents();
        assertEquals(3, events.size());
        Set<String> keys = new HashSet<>();
        for (JsonNode e : events) {
            assertEquals(QualityHookEvents.TEST_TICKET_AI_QUALITY, e.path("type").asText());
            assertTrue(e.path("key").asText().startsWith("qualitycheck-event-"), e.toString());
            keys.add(e.path("key").asText());
            JsonNode data = e.path("data");
            assertEquals("completed", data.path("state").asText());
            boolean ofMet = data.path("testRunId").asInt() == metRun;
            assertTrue(ofMet || data.path("testRunId").asInt() == missedRun, data.toString());
            assertEquals(ofMet ? met.slug() : missed.slug(), data.path("aiAgentId").asText());
            assertEquals(ofMet, data.path("successful").asBoolean(), "successful as the run judged it: " + data);
            assertTrue(data.path("ticketId").asLong() > 0 && data.path("testTicketId").asLong() > 0, data.toString());
            assertTrue(data.path("error").isNull(), data.toString());
            assertFalse(data.has("actualResult") || data.has("rawResult"), "results stay in qualitycheck-svc: " + data);
        }
        assertEquals(3, keys.size(), "every event its own key");
    }

    @Test
    void withoutAHookTheEventsAreDroppedUnsentAndSettingsSvcDownKeepsThem() throws Exception {
        hooksListenTo("TicketUpdated");
        Fixture f = Fixture.of(services, 2, "interaction", "interaction");
        f.schedule();
        services.resetRequests();
        assertEquals(2, drain());
        assertEquals(new Relayed(0, 2), relay.relay(), "no hook listens: nothing to run, nothing sent");
        assertEquals(0, waiting());
        services.verify(0, postRequestedFor(urlPathEqualTo(HOOKS + "/events")));

        relay.forgetListenedTypes();
        hooksListenTo(QualityHookEvents.TEST_TICKET_AI_QUALITY);
        services.stubFor(post(urlPathEqualTo(HOOKS + "/events"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        Fixture later = Fixture.of(services, 1, "interaction", "interaction");
        later.schedule();
        assertEquals(1, drain());
        assertEquals(Relayed.NOTHING, relay.relay());
        assertEquals(1, waiting(), "settings-svc down: the event waits for the next round after its backoff");
    }
}
