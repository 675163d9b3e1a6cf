package mind.aiagent.hooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.EventHookStub;
import mind.common.testing.EventHookStub.InjectEventHooks;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * AI agent changes relayed to settings-svc's event hooks, against a real PostgreSQL and settings-svc stubbed: each
 * test starts from an empty outbox, changes agents through the API and relays by hand ({@link HookOutboxRelay#relay()};
 * the schedule is off in tests).
 */
@QuarkusTest
@TestProfile(HookOutboxRelayTest.RelayOn.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(EventHookStub.class)
class HookOutboxRelayTest {

    /** The relay on, with the service's own token (one no caller has); small rounds, so that relays interleave. */
    public static class RelayOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mind.aiagent.hooks.enabled", "true",
                    "mind.aiagent.service-token", SERVICE_TOKEN,
                    "mind.aiagent.hooks.batch", "10",
                    "mind.aiagent.hooks.backoff", "1s",
                    "mind.aiagent.hooks.types-ttl", "0s");
        }
    }

    static final String SERVICE_TOKEN = "aiagent-hook-relay-token";
    static final String SECRET = "sk-live-hook-secret-42";

    private static final String ONE = "/api/mind/aiAgent";
    private static final String HOOKS = "/api/mind/settings/event-hook";
    private static final String EVENTS = "/api/mind/settings/event-hook/events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETTINGS = """
            {"executor":[{"id":1,"type":"sourceCode","language":"python311","code":"print(1)",
                          "settings":{"apiKey":"%s","url":"https://crm.example"}}],
             "parameters":[{"id":1,"key":"meterNumber","required":false}],
             "responseCases":[]}""".formatted(SECRET);

    @InjectEventHooks
    WireMockServer settings;

    @Inject
    HookOutboxRelay relay;

    @Inject
    HookOutbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void emptyOutbox() throws SQLException {
        update("delete from hook_outbox");
        settings.resetAll();
        relay.forgetListenedTypes();
        hooksOn(HookOutbox.AI_AGENT_CHANGED);
        eventsTaken();
    }

    @Test
    void createUpdateAndDeleteEachReachSettingsOnceWithTheServiceToken() throws Exception {
        String slug = unique("hooked");
        long id = create("{\"name\":\"Hooked\",\"slug\":\"" + slug + "\",\"settings\":" + SETTINGS + "}");

        assertEquals(new HookOutboxRelay.Relayed(1, 0), relay.relay());
        JsonNode created = onlyEvent(sent());
        assertEquals(HookOutbox.AI_AGENT_CHANGED, created.get("type").asText());
        assertTrue(created.get("key").asText().matches("aiagent-event-\\d+"), created.get("key").asText());
        assertTrue(created.get("occurredAt").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"),
                created.get("occurredAt").asText());
        assertEquals(id, created.at("/data/aiAgentId").asLong());
        assertEquals("Hooked", created.at("/data/name").asText());
        assertEquals(slug, created.at("/data/slug").asText());
        assertEquals("created", created.at("/data/change").asText());
        assertEquals(1, created.at("/data/changedBy").asLong(), "the admin token's profile");
        assertEquals(0, outboxRows(), "a delivered row is gone");

        // the name and a secret inside settings change: the event names both fields and carries no value of settings
        asAdmin().body("{\"name\":\"Hooked again\",\"settings.executor[0].settings.apiKey\":\"" + SECRET + "-new\"}")
                .patch(ONE + "/" + id).then().statusCode(200);
        assertEquals(new HookOutboxRelay.Relayed(1, 0), relay.relay());
        List<LoggedRequest> posts = sent();
        assertEquals(2, posts.size());
        JsonNode updated = onlyEvent(posts.subList(1, 2));
        assertEquals("updated", updated.at("/data/change").asText());
        assertEquals("Hooked again", updated.at("/data/name").asText());
        assertEquals(JSON.readTree("[\"name\",\"settings\"]"), updated.at("/data/fields"));
        assertFalse(created.get("key").asText().equals(updated.get("key").asText()), "a key per change");

        // a PATCH of a field to the value it has changes no field
        asAdmin().body("{\"description\":null}").patch(ONE + "/" + id).then().statusCode(200);
        assertEquals(new HookOutboxRelay.Relayed(1, 0), relay.relay());
        JsonNode unchanged = onlyEvent(sent().subList(2, 3));
        assertEquals(0, unchanged.at("/data/fields").size(), unchanged.toString());

        asAdmin().delete(ONE + "/" + id).then().statusCode(200);
        assertEquals(new HookOutboxRelay.Relayed(1, 0), relay.relay());
        JsonNode deleted = onlyEvent(sent().subList(3, 4));
        assertEquals("deleted", deleted.at("/data/change").asText());
        assertEquals(id, deleted.at("/data/aiAgentId").asLong());
        assertEquals("Hooked again", deleted.at("/data/name").asText());

        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());
        posts = sent();
        assertEquals(4, posts.size(), "each change sent once");
        for (LoggedRequest post : posts) {
            assertEquals("Bearer " + SERVICE_TOKEN, post.getHeader("Authorization"));
            assertTrue(post.getHeader("Idempotency-Key").matches("aiagent-event-batch-\\d+-\\d+-[0-9a-f]+"),
                    post.getHeader("Idempotency-Key"));
            assertFalse(post.getBodyAsString().contains(SECRET), "no secret in an event: " + post.getBodyAsString());
            assertFalse(post.getBodyAsString().contains("print(1)"), "no executor code in an event");
        }
    }

    @Test
    void loadingDefaultsSendsACreatedEventPerAgentLoaded() throws Exception {
        update("delete from ai_agent where slug = 'change_bank_data'");
        update("delete from hook_outbox");
        asAdmin().body("{\"slugs\":[\"change_bank_data\"]}").post("/api/mind/aiAgents/loadDefaults")
                .then().statusCode(200);

        assertEquals(new HookOutboxRelay.Relayed(1, 0), relay.relay());
        JsonNode created = onlyEvent(sent());
        assertEquals("created", created.at("/data/change").asText());
        assertEquals("change_bank_data", created.at("/data/slug").asText());
    }

    @Test
    void aRefusedChangeRecordsNothing() throws Exception {
        long id = create("{\"name\":\"Refusals\",\"slug\":\"" + unique("refused") + "\",\"settings\":" + SETTINGS + "}");
        update("delete from hook_outbox");

        asAdmin().body("{\"slug\":\"Not A Slug\"}").post(ONE).then().statusCode(400);
        asAdmin().body("{\"settings.parameters[9].required\":true}").patch(ONE + "/" + id).then().statusCode(400);
        asAdmin().body("{\"name\":\"\"}").patch(ONE + "/" + id).then().statusCode(400);
        asAdmin().header("If-Match", "\"99\"").delete(ONE + "/" + id).then().statusCode(412);
        given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post(ONE).then().statusCode(403);

        assertEquals(0, outboxRows(), "nothing recorded");
        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());
        assertEquals(0, sent().size(), "nothing sent");
    }

    @Test
    void whileSettingsIsDownTheEventWaitsAndIsDeliveredOnceItIsBack() throws Exception {
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(503)));
        long id = create("{\"name\":\"Down\",\"slug\":\"" + unique("down") + "\"}");

        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());
        List<LoggedRequest> failed = sent();
        assertFalse(failed.isEmpty(), "tried");
        String key = onlyEvent(failed.subList(0, 1)).get("key").asText();
        assertEquals(1, outboxRows(), "kept");
        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());
        assertEquals(failed.size(), sent().size(), "not tried again before the backoff");

        eventsTaken();
        // the backoff runs out: a relay round after it delivers
        HookOutboxRelay.Relayed[] relayed = { HookOutboxRelay.Relayed.NOTHING };
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> (relayed[0] = relay.relay()).sent() > 0);
        assertEquals(new HookOutboxRelay.Relayed(1, 0), relayed[0], "delivered after the backoff");
        List<LoggedRequest> all = sent();
        JsonNode delivered = onlyEvent(all.subList(all.size() - 1, all.size()));
        assertEquals(key, delivered.get("key").asText(), "under the same key");
        assertEquals(id, delivered.at("/data/aiAgentId").asLong());
        assertEquals(0, outboxRows());
        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());
        assertEquals(all.size(), sent().size(), "nothing more");
    }

    @Test
    void anEventSettingsRefusesForGoodIsKeptAndNotSentAgain() throws Exception {
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"code\":\"invalid_field\",\"error\":\"events[0].type\"}")));
        create("{\"name\":\"Refused by settings\",\"slug\":\"" + unique("rejected") + "\"}");

        assertEquals(new HookOutboxRelay.Relayed(0, 1), relay.relay());
        assertEquals(1, sent().size(), "a rejection is not retried");
        assertEquals(1, query("select count(*) from hook_outbox where rejected_at is not null"), "kept, marked");
        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());
        assertEquals(1, sent().size());
    }

    @Test
    void anEventIsRecordedOnlyWhenTheChangeCommits() throws Exception {
        // a change refused after its event was recorded (say, at the commit): the event goes with it
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.agentChanged(1, "rolled_back", "Rolled back", HookOutbox.Change.created, "1", Instant.now(), List.of());
            throw new IllegalStateException("refused after the event");
        }));
        assertEquals(0, outboxRows(), "rolled back with the change");
        assertThrows(TransactionalException.class, () -> outbox.agentChanged(1, "no_tx", "No transaction",
                HookOutbox.Change.created, "1", Instant.now(), List.of()), "only inside the change's transaction");
        assertEquals(0, outboxRows());

        QuarkusTransaction.requiringNew().run(() -> outbox.agentChanged(1, "committed", "Committed",
                HookOutbox.Change.created, "svc-subject", Instant.now(), List.of()));
        assertEquals(1, outboxRows());
        relay.relay();
        JsonNode event = onlyEvent(sent());
        assertTrue(event.at("/data/changedBy").isNull(), "a principal that is no profile id: changedBy null");
    }

    @Test
    void withNoHookForAiAgentsNothingIsSentAndTheRowsGo() throws Exception {
        settings.resetAll();
        hooksOn("TicketCreated");
        eventsTaken();
        create("{\"name\":\"Unheard\",\"slug\":\"" + unique("unheard") + "\"}");

        assertEquals(new HookOutboxRelay.Relayed(0, 1), relay.relay());
        assertEquals(0, sent().size());
        assertEquals(0, outboxRows());
    }

    @Test
    void twoRelaysAtOnceSendEachEventOnce() throws Exception {
        int changes = 50;
        for (int i = 0; i < changes; i++) {
            create("{\"name\":\"Many " + i + "\",\"slug\":\"" + unique("many") + "\"}");
        }
        assertEquals(changes, outboxRows());

        List<HookOutboxRelay.Relayed> results = Concurrently.run(2, relay::relay);

        assertEquals(changes, results.get(0).sent() + results.get(1).sent(), results.toString());
        List<String> keys = new ArrayList<>();
        for (LoggedRequest post : sent()) {
            JSON.readTree(post.getBodyAsString()).get("events").forEach(e -> keys.add(e.get("key").asText()));
        }
        Set<String> distinct = new HashSet<>(keys);
        assertEquals(changes, keys.size(), "each event sent once: " + keys);
        assertEquals(changes, distinct.size());
        assertEquals(0, outboxRows());
    }

    private void hooksOn(String... types) {
        StringBuilder hooks = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            hooks.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"event\":\"").append(types[i])
                    .append("\"}");
        }
        settings.stubFor(get(urlEqualTo(HOOKS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"eventHooks\":[" + hooks + "]}")));
    }

    private void eventsTaken() {
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\":true,\"accepted\":1,\"runs\":1}")));
    }

    private List<LoggedRequest> sent() {
        List<LoggedRequest> posts = new ArrayList<>(settings.findAll(postRequestedFor(urlEqualTo(EVENTS))));
        posts.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        return posts;
    }

    private static JsonNode onlyEvent(List<LoggedRequest> posts) throws Exception {
        assertEquals(1, posts.size());
        JsonNode events = JSON.readTree(posts.get(0).getBodyAsString()).get("events");
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static long create(String body) {
        return ((Number) asAdmin().body(body).post(ONE).then().statusCode(200).extract().path("id")).longValue();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private long outboxRows() throws SQLException {
        return query("select count(*) from hook_outbox");
    }

    private long query(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
