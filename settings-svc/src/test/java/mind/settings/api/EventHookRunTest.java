package mind.settings.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.domain.EventType;
import mind.settings.hooks.CronEvents;
import mind.settings.hooks.HookRunner;
import mind.settings.support.ExecutorStub;
import mind.settings.support.ExecutorStub.InjectExecutor;

/**
 * Event hooks run: events (from another service, or this service's own changes) record one run per hook of their
 * type and key, and {@link HookRunner} runs them on the (WireMock) executor endpoint: done, failed, or again later.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(ExecutorStub.class)
class EventHookRunTest {

    static final String HOOKS = "/api/mind/settings/event-hook";
    static final String EVENTS = HOOKS + "/events";
    static final String SECRET = "sk_hook_secret_" + UUID.randomUUID().toString().replace("-", "");

    @InjectExecutor
    WireMockServer executor;

    @Inject
    HookRunner runner;

    @Inject
    CronEvents cron;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    private final List<Integer> hooks = new ArrayList<>();

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    @BeforeEach
    void reset() {
        executor.resetAll();
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).willReturn(okJson("{\"success\":true}")));
        as(TestTokens.admin()).body("{\"crmApiKey\":\"" + SECRET + "\"}").put("/api/mind/settings/executorSecrets")
                .then().statusCode(200);
    }

    @AfterEach
    void deleteHooks() {
        hooks.forEach(id -> as(TestTokens.admin()).delete(HOOKS + "/" + id));
        hooks.clear();
    }

    /** A hook on {@code event} running a new python function; its id and the function's name. */
    record Hook(int id, String function) {
    }

    Hook hook(String event) {
        String name = "hook_" + UUID.randomUUID().toString().replace("-", "");
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"code\":\"print('ran')\",\"language\":\"python311\"}")
                .post("/api/mind/settings/user-defined-function").then().statusCode(200);
        int id = as(TestTokens.admin()).body("{\"event\":\"" + event + "\",\"handler\":\"" + name + "\"}").post(HOOKS)
                .then().statusCode(200).extract().path("id");
        hooks.add(id);
        return new Hook(id, name);
    }

    static String event(String type, String key, String data) {
        return "{\"type\":\"" + type + "\",\"key\":\"" + key + "\",\"occurredAt\":\"2026-12-04T20:00:00Z\",\"data\":" + data + "}";
    }

    static String batch(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    List<LoggedRequest> callsFor(String key) {
        return executor.findAll(postRequestedFor(urlPathEqualTo(ExecutorStub.RUN_PATH)).withRequestBody(containing("\"" + key + "\"")));
    }

    static String key() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void anEventRunsEachHookOfItsTypeOncePerKeyOnTheExecutor() throws Exception {
        Hook first = hook("TicketForwarded");
        Hook second = hook("TicketForwarded");
        Hook other = hook("TicketRouted");
        String k1 = key();
        String k2 = key();

        as(TestTokens.serviceWorker()).body(batch(event("TicketForwarded", k1, "{\"ticketId\":42,\"toEmail\":[\"a@example.com\"]}"),
                event("TicketForwarded", k2, "{\"ticketId\":43}"), event("TicketForwarded", k1, "{\"ticketId\":42}")))
                .post(EVENTS).then().statusCode(200)
                .body("success", is(true)).body("accepted", equalTo(3)).body("runs", equalTo(4));
        // sent again (a relay retrying): nothing new
        as(TestTokens.serviceWorker()).body(batch(event("TicketForwarded", k1, "{\"ticketId\":42}"))).post(EVENTS)
                .then().statusCode(200).body("runs", equalTo(0));

        as(TestTokens.admin()).get(HOOKS + "/" + first.id() + "/runs").then().statusCode(200)
                .body("total", equalTo(2)).body("runs.status", everyItem(equalTo("pending")))
                .body("runs.nextAttemptAt", everyItem(notNullValue()));
        assertTrue(runner.runDue() >= 4);

        as(TestTokens.serviceWorker()).get(HOOKS + "/" + first.id() + "/runs").then().statusCode(200)
                .body("success", is(true)).body("total", equalTo(2)).body("limit", equalTo(100)).body("offset", equalTo(0))
                .body("runs.key", hasItem(k1)).body("runs.key", hasItem(k2))
                .body("runs.status", everyItem(equalTo("done"))).body("runs.attempts", everyItem(equalTo(1)))
                .body("runs.event", everyItem(equalTo("TicketForwarded")))
                .body("runs.finishedAt", everyItem(notNullValue())).body("runs.nextAttemptAt", everyItem(nullValue()))
                .body("runs.occurredAt", everyItem(equalTo("2026-12-04 20:00:00")));
        as(TestTokens.admin()).get(HOOKS + "/" + first.id() + "/runs").then().statusCode(200)
                .body("runs.find { it.key == '" + k1 + "' }.data.ticketId", equalTo(42))
                .body("runs.find { it.key == '" + k1 + "' }.data.toEmail[0]", equalTo("a@example.com"));
        as(TestTokens.admin()).get(HOOKS + "/" + other.id() + "/runs").then().statusCode(200).body("total", equalTo(0));

        List<LoggedRequest> calls = callsFor(k1);
        assertEquals(2, calls.size(), "one call per hook for the event, not one per send");
        assertEquals(1, callsFor(k2).stream().filter(r -> r.getBodyAsString().contains(second.function())).count());
        JsonNode body = calls.stream().map(r -> read(r.getBodyAsString()))
                .filter(b -> b.path("function").asText().equals(first.function())).findFirst().orElseThrow();
        assertEquals("python311", body.path("language").asText());
        assertEquals("print('ran')", body.path("code").asText());
        assertEquals(42, body.path("parameters").path("ticketId").asInt());
        assertEquals("a@example.com", body.path("parameters").path("toEmail").path(0).asText());
        assertEquals("TicketForwarded", body.path("event").path("type").asText());
        assertEquals(k1, body.path("event").path("key").asText());
        assertEquals("2026-12-04T20:00:00Z", body.path("event").path("occurredAt").asText());
        assertEquals(first.id(), body.path("event").path("hookId").asInt());
        assertEquals(1, body.path("event").path("attempt").asInt());
        assertEquals(SECRET, body.path("secrets").path("crmApiKey").asText(), "the executor gets executorSecrets opened");
        for (LoggedRequest call : calls) {
            assertFalse(call.containsHeader("Authorization"), "no token goes to customer code");
            assertEquals("application/json", call.getHeader("Content-Type"));
        }
        // nothing left to run
        executor.resetRequests();
        runner.runDue();
        assertTrue(callsFor(k1).isEmpty());
    }

    @Test
    void notNowFailuresAreTriedAgainLaterAndGivenUpAfterTheLastAttempt() {
        Hook hook = hook("TicketClosedDueToInactivity");
        String recovers = key();
        String stays = key();
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).withRequestBody(containing(recovers))
                .willReturn(aResponse().withStatus(503)));
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).withRequestBody(containing(stays))
                .willReturn(aResponse().withStatus(502)));
        as(TestTokens.serviceWorker()).body(batch(event("TicketClosedDueToInactivity", recovers, "{}"),
                event("TicketClosedDueToInactivity", stays, "{}"))).post(EVENTS).then().statusCode(200).body("runs", equalTo(2));

        runner.runDue();
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs").then().statusCode(200)
                .body("runs.status", everyItem(equalTo("pending"))).body("runs.attempts", everyItem(equalTo(1)))
                .body("runs.find { it.key == '" + recovers + "' }.error", containsString("HTTP 503"))
                .body("runs.nextAttemptAt", everyItem(notNullValue()));
        // not due yet (5 s backoff): a second round does not call again
        runner.runDue();
        assertEquals(1, callsFor(recovers).size());

        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).withRequestBody(containing(recovers))
                .willReturn(okJson("{\"success\":true}")));
        makeDue(hook.id(), null);
        runner.runDue();
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs?status=done").then().statusCode(200)
                .body("total", equalTo(1)).body("runs[0].key", equalTo(recovers)).body("runs[0].attempts", equalTo(2));

        // the other one on its last attempt
        makeDue(hook.id(), 7);
        runner.runDue();
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs?status=failed").then().statusCode(200)
                .body("total", equalTo(1)).body("runs[0].key", equalTo(stays)).body("runs[0].attempts", equalTo(8))
                .body("runs[0].error", containsString("Gave up after 8 attempts"))
                .body("runs[0].error", containsString("HTTP 502"))
                .body("runs[0].nextAttemptAt", nullValue());
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs?status=pending").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aFunctionsFailureARefusalAndAnUnusableAnswerFailTheRunAtOnceWithSecretsMasked() {
        Hook hook = hook("TicketResponse");
        String reported = key();
        String refused = key();
        String garbled = key();
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).withRequestBody(containing(reported))
                .willReturn(okJson("{\"success\":false,\"error\":\"the CRM refused key " + SECRET + "\"}")));
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).withRequestBody(containing(refused))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"echo " + SECRET + "\"}")));
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).withRequestBody(containing(garbled))
                .willReturn(okJson("{\"ok\":1}")));
        as(TestTokens.serviceWorker()).body(batch(event("TicketResponse", reported, "{}"), event("TicketResponse", refused, "{}"),
                event("TicketResponse", garbled, "{}"))).post(EVENTS).then().statusCode(200).body("runs", equalTo(3));

        runner.runDue();
        String runs = as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs").then().statusCode(200)
                .body("runs.status", everyItem(equalTo("failed"))).body("runs.attempts", everyItem(equalTo(1)))
                .body("runs.find { it.key == '" + reported + "' }.error",
                        equalTo("The function reported a failure: the CRM refused key ********"))
                .body("runs.find { it.key == '" + refused + "' }.error", containsString("refused the request (HTTP 400)"))
                .body("runs.find { it.key == '" + garbled + "' }.error", containsString("could not be used"))
                .extract().asString();
        assertFalse(runs.contains(SECRET), "a secret the function echoes never reaches an answer");
        // failed for good: not tried again
        makeDue(hook.id(), null);
        runner.runDue();
        assertEquals(1, callsFor(reported).size());
    }

    @Test
    void twoRunnersAtOnceRunEveryRunExactlyOnce() throws Exception {
        Hook hook = hook("OcrScanCompleted");
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.RUN_PATH)).willReturn(okJson("{\"success\":true}").withFixedDelay(30)));
        List<String> keys = IntStream.range(0, 40).mapToObj(i -> key()).toList();
        as(TestTokens.serviceWorker()).body(batch(keys.stream().map(k -> event("OcrScanCompleted", k, "{}")).toArray(String[]::new)))
                .post(EVENTS).then().statusCode(200).body("runs", equalTo(40));

        List<Integer> ran = Concurrently.run(2, runner::runDue);
        assertTrue(ran.stream().mapToInt(Integer::intValue).sum() >= 40, "ran " + ran);
        for (String k : keys) {
            assertEquals(1, callsFor(k).size(), "calls for " + k);
        }
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs?status=done&limit=500").then().statusCode(200).body("total", equalTo(40));
    }

    @Test
    void profileAndSettingChangesRecordTheirRunsWithTheChangeOnly() {
        Hook created = hook("ProfileCreated");
        Hook updated = hook("ProfileUpdated");
        Hook deleted = hook("ProfileDeleted");
        Hook setting = hook("SettingChanged");
        String email = "hooked-" + UUID.randomUUID() + "@example.com";
        int profileId = as(TestTokens.admin()).body("{\"email\":\"" + email + "\",\"firstName\":\"Hook\"}").post("/api/mind/profile")
                .then().statusCode(200).extract().path("id");
        // refused (the email is taken): no run for it
        as(TestTokens.admin()).body("{\"email\":\"" + email + "\",\"firstName\":\"Again\"}").post("/api/mind/profile")
                .then().statusCode(409);
        as(TestTokens.admin()).body("{\"firstName\":\"Changed\"}").patch("/api/mind/profile/" + profileId).then().statusCode(200);
        as(TestTokens.admin()).delete("/api/mind/profile/" + profileId).then().statusCode(200);
        as(TestTokens.admin()).body("{\"crmApiKey\":\"" + SECRET + "-2\"}").put("/api/mind/settings/executorSecrets").then().statusCode(200);

        as(TestTokens.admin()).get(HOOKS + "/" + created.id() + "/runs").then().statusCode(200)
                .body("total", equalTo(1)).body("runs[0].key", equalTo("profile-" + profileId + "-created"));
        as(TestTokens.admin()).get(HOOKS + "/" + updated.id() + "/runs").then().statusCode(200)
                .body("total", equalTo(1)).body("runs[0].key", equalTo("profile-" + profileId + "-v1"));
        as(TestTokens.admin()).get(HOOKS + "/" + deleted.id() + "/runs").then().statusCode(200)
                .body("total", equalTo(1)).body("runs[0].key", equalTo("profile-" + profileId + "-deleted"));
        as(TestTokens.admin()).get(HOOKS + "/" + setting.id() + "/runs").then().statusCode(200)
                .body("runs.key", hasItem(containsString("setting-executorSecrets-v")));

        runner.runDue();
        JsonNode call = read(callsFor("profile-" + profileId + "-created").get(0).getBodyAsString());
        assertEquals(profileId, call.path("parameters").path("profileId").asInt());
        List<LoggedRequest> settingCalls = executor.findAll(postRequestedFor(urlPathEqualTo(ExecutorStub.RUN_PATH))
                .withRequestBody(containing(setting.function())));
        assertFalse(settingCalls.isEmpty());
        JsonNode settingCall = read(settingCalls.get(settingCalls.size() - 1).getBodyAsString());
        assertEquals("executorSecrets", settingCall.path("parameters").path("name").asText());
        assertTrue(settingCall.path("parameters").path("value").isMissingNode(), "a setting's value is not handed out");
    }

    @Test
    void eventsAreCheckedAndARefusedBatchRecordsNothing() {
        Hook hook = hook("SurveySubmitted");
        String good = key();
        String refusedBatch = batch(event("SurveySubmitted", good, "{}"), event("NoSuchEvent", key(), "{}"));
        as(TestTokens.admin()).body(batch(event("SurveySubmitted", good, "{}"))).post(EVENTS).then().statusCode(403);
        as(TestTokens.agent(7)).body(batch(event("SurveySubmitted", good, "{}"))).post(EVENTS).then().statusCode(403);
        given().contentType(ContentType.JSON).body(batch(event("SurveySubmitted", good, "{}"))).post(EVENTS).then().statusCode(401);
        as(TestTokens.serviceWorker()).body(refusedBatch).post(EVENTS).then().statusCode(400)
                .body("success", is(false)).body("details[0].field", equalTo("events[1].type"));
        as(TestTokens.serviceWorker()).body(batch(event("SurveySubmitted", "has space", "{}"))).post(EVENTS).then().statusCode(400)
                .body("details[0].field", equalTo("events[0].key"));
        as(TestTokens.serviceWorker()).body(batch(event("SurveySubmitted", key(), "[1,2]"))).post(EVENTS).then().statusCode(400)
                .body("details[0].field", equalTo("events[0].data"));
        as(TestTokens.serviceWorker()).body(batch(event("SurveySubmitted", key(), "{\"x\":\"" + "a".repeat(17_000) + "\"}")))
                .post(EVENTS).then().statusCode(400).body("details[0].field", equalTo("events[0].data"));
        as(TestTokens.serviceWorker()).body("{\"events\":[{\"type\":\"SurveySubmitted\",\"key\":\"k1\",\"occurredAt\":\"yesterday\"}]}")
                .post(EVENTS).then().statusCode(400).body("details[0].field", equalTo("events[0].occurredAt"));
        as(TestTokens.serviceWorker()).body("{\"events\":[]}").post(EVENTS).then().statusCode(400)
                .body("details[0].field", equalTo("events"));
        as(TestTokens.serviceWorker()).body(batch(IntStream.range(0, 101).mapToObj(i -> event("SurveySubmitted", key(), "{}"))
                .toArray(String[]::new))).post(EVENTS).then().statusCode(400).body("details[0].field", equalTo("events"));
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs").then().statusCode(200).body("total", equalTo(0));

        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs?status=bogus").then().statusCode(400)
                .body("details[0].field", equalTo("status"));
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs?limit=501").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
        as(TestTokens.admin()).get(HOOKS + "/999999999/runs").then().statusCode(404);
        as(TestTokens.agent(7)).get(HOOKS + "/" + hook.id() + "/runs").then().statusCode(403);
        // without occurredAt the event happened now; without data the function gets {}
        as(TestTokens.serviceWorker()).body("{\"events\":[{\"type\":\"SurveySubmitted\",\"key\":\"" + good + "\"}]}")
                .post(EVENTS).then().statusCode(200).body("runs", equalTo(1));
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs").then().statusCode(200)
                .body("runs[0].occurredAt", notNullValue()).body("runs[0].key", equalTo(good))
                .body("runs[0].key", not(equalTo("")));
    }

    @Test
    void aTimeEventRunsItsHooksOncePerTickHoweverManyReplicasFireIt() {
        Hook hook = hook("CronWeek");
        java.time.Instant tick = java.time.Instant.parse("2026-12-05T02:00:00.120Z");
        cron.fire(EventType.CronWeek, tick);
        cron.fire(EventType.CronWeek, java.time.Instant.parse("2026-12-05T02:00:00.950Z")); // a second replica
        cron.fire(EventType.CronWeek, java.time.Instant.parse("2026-12-12T02:00:00Z"));
        as(TestTokens.admin()).get(HOOKS + "/" + hook.id() + "/runs").then().statusCode(200)
                .body("total", equalTo(2))
                .body("runs.key", hasItem("cron-CronWeek-" + java.time.Instant.parse("2026-12-05T02:00:00Z").getEpochSecond()));
        runner.runDue();
        List<LoggedRequest> calls = executor.findAll(postRequestedFor(urlPathEqualTo(ExecutorStub.RUN_PATH))
                .withRequestBody(containing(hook.function())));
        assertEquals(2, calls.size());
        assertTrue(calls.stream().anyMatch(c -> read(c.getBodyAsString()).path("parameters").path("scheduledAt").asText()
                .equals("2026-12-05T02:00:00Z")));
    }

    @Test
    void deletingAHookDropsItsPendingRuns() {
        Hook hook = hook("ScorecardChanged");
        String k = key();
        as(TestTokens.serviceWorker()).body(batch(event("ScorecardChanged", k, "{}"))).post(EVENTS).then().statusCode(200)
                .body("runs", equalTo(1));
        as(TestTokens.admin()).delete(HOOKS + "/" + hook.id()).then().statusCode(200);
        runner.runDue();
        assertTrue(callsFor(k).isEmpty(), "a deleted hook's function does not run");
        Number left = QuarkusTransaction.requiringNew().call(() -> (Number) em
                .createNativeQuery("select count(*) from event_hook_run where event_key = ?1").setParameter(1, k).getSingleResult());
        assertEquals(0, left.intValue());
    }

    /** Makes a hook's pending runs due now, optionally setting the attempts they have had. */
    private void makeDue(int hookId, Integer attempts) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update event_hook_run set due_at = now() - interval '1 second', attempts = coalesce(cast(?2 as integer), attempts) where hook_id = ?1 and status = 'pending'")
                .setParameter(1, hookId).setParameter(2, attempts).executeUpdate());
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
