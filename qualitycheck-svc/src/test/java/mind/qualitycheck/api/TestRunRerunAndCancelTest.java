package mind.qualitycheck.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.auth.Roles;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.repository.TestRunRepository;
import mind.qualitycheck.service.TestJobs;
import mind.qualitycheck.service.TestTicketTester;
import mind.qualitycheck.service.WorkerOffProfile;
import mind.qualitycheck.support.Fixture;
import mind.qualitycheck.support.ServicesStub;
import mind.qualitycheck.support.ServicesStub.InjectServices;
import mind.qualitycheck.support.Stubs;

/**
 * {@code POST /testRun/{id}/cancel} and {@code /rerun}. The background worker is off, so a run stays
 * scheduled until the test works its jobs off itself.
 */
@QuarkusTest
@TestProfile(WorkerOffProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(ServicesStub.class)
class TestRunRerunAndCancelTest {

    static final String RUNS = "/api/mind/aiQualityCheck/testRun";

    @InjectServices
    WireMockServer services;

    @Inject
    TestJobs jobs;

    @Inject
    TestTicketTester tester;

    @Inject
    TestRunRepository runs;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    /** Tests every due job, as the worker would. */
    private void drain() {
        for (List<TestJobs.Job> taken = jobs.take(10); !taken.isEmpty(); taken = jobs.take(10)) {
            taken.forEach(tester::test);
        }
    }

    private static int runsOf(Fixture f) {
        return asAdmin().queryParam("aiAgentId", f.slug()).get(RUNS).then().statusCode(200).extract().path("total");
    }

    private static String state(int runId) {
        return asAdmin().get(RUNS + "/" + runId).then().statusCode(200).extract().path("testRun.state");
    }

    // --- cancel ---------------------------------------------------------------------------------------

    @Test
    void cancelStopsARunAsStopDoes() {
        Fixture f = Fixture.of(services, 3, "interaction", "interaction");
        int runId = f.schedule();
        asAdmin().post(RUNS + "/" + runId + "/cancel").then().statusCode(200)
                .body("success", is(true))
                .body("testRun.id", is(runId))
                .body("testRun.aiAgentId", equalTo(f.slug()))
                .body("testRun.state", equalTo("stopped"))
                .body("testRun.endDate", notNullValue())
                .body("testRun.ticketsScheduledForTesting", is(3))
                .body("testRun.ticketsTested", is(0));
        drain();
        asAdmin().get(RUNS + "/" + runId).then()
                .body("testRun.state", equalTo("stopped"))
                .body("testRun.ticketsTested", is(0))
                .body("tickets.state", everyItem(equalTo("stopped")))
                .body("tickets.actualResult", everyItem(nullValue()));
        asAdmin().post(RUNS + "/" + runId + "/cancel").then().statusCode(409)
                .body("success", is(false)).body("code", equalTo("test_run_finished"));
        asAdmin().post(RUNS + "/" + runId + "/stop").then().statusCode(409).body("code", equalTo("test_run_finished"));
        asAdmin().post(RUNS + "/999999999/cancel").then().statusCode(404).body("success", is(false));
    }

    @Test
    void cancelOfAFinishedRunIs409AndChangesNothing() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        drain();
        assertEquals("completed", state(runId));
        String etag = asAdmin().get(RUNS + "/" + runId).header("ETag");
        asAdmin().post(RUNS + "/" + runId + "/cancel").then().statusCode(409).body("code", equalTo("test_run_finished"));
        asAdmin().get(RUNS + "/" + runId).then().header("ETag", etag).body("testRun.state", equalTo("completed"));
    }

    @Test
    void cancelNeedsAdminOrUpdateAiAgent() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        given().header("Authorization", TestTokens.agent(4)).post(RUNS + "/" + runId + "/cancel").then().statusCode(403);
        given().post(RUNS + "/" + runId + "/cancel").then().statusCode(401);
        assertEquals("scheduled", state(runId));
        given().header("Authorization", TestTokens.bearer(12, Roles.AGENT, Roles.UPDATE_AI_AGENT))
                .post(RUNS + "/" + runId + "/cancel").then().statusCode(200).body("testRun.state", equalTo("stopped"));
    }

    @Test
    void cancelByPatchStopsARunAsPostDoes() {
        Fixture f = Fixture.of(services, 2, "interaction", "interaction");
        int runId = f.schedule();
        given().header("Authorization", TestTokens.agent(4)).patch(RUNS + "/" + runId + "/cancel").then().statusCode(403);
        given().patch(RUNS + "/" + runId + "/cancel").then().statusCode(401);
        assertEquals("scheduled", state(runId));
        // no body and no Content-Type, as clients send it
        given().header("Authorization", TestTokens.admin()).patch(RUNS + "/" + runId + "/cancel").then().statusCode(200)
                .body("success", is(true))
                .body("testRun.id", is(runId))
                .body("testRun.state", equalTo("stopped"))
                .body("testRun.endDate", notNullValue())
                .body("testRun.ticketsScheduledForTesting", is(2))
                .body("testRun.ticketsTested", is(0));
        drain();
        asAdmin().get(RUNS + "/" + runId).then().body("testRun.state", equalTo("stopped"))
                .body("tickets.state", everyItem(equalTo("stopped")));
        asAdmin().patch(RUNS + "/" + runId + "/cancel").then().statusCode(409)
                .body("success", is(false)).body("code", equalTo("test_run_finished"));
        asAdmin().patch(RUNS + "/999999999/cancel").then().statusCode(404).body("success", is(false));
    }

    // --- scheduling a part of the cases ---------------------------------------------------------------

    private static io.restassured.response.Response scheduleWith(String body) {
        return asAdmin().body(body).post(RUNS);
    }

    private static List<Integer> casesOf(int runId) {
        return asAdmin().get(RUNS + "/" + runId).then().statusCode(200).extract().path("tickets.testCaseId");
    }

    @Test
    void scheduleRunsOnlyTheTestCasesNamed() {
        Fixture f = Fixture.of(services, 3, "interaction", "interaction");
        List<Integer> c = f.caseIds();
        int runId = scheduleWith("{\"aiAgentId\":\"" + f.slug() + "\",\"testCaseIds\":[" + c.get(2) + "," + c.get(0) + "]}")
                .then().statusCode(200).body("testRun.state", equalTo("scheduled"))
                .body("testRun.ticketsScheduledForTesting", is(2)).extract().path("testRun.id");
        assertEquals(List.of(c.get(0), c.get(2)), casesOf(runId).stream().sorted().toList());
        // [] is no restriction: every case
        int all = scheduleWith("{\"aiAgentId\":\"" + f.slug() + "\",\"testCaseIds\":[]}").then().statusCode(200)
                .body("testRun.ticketsScheduledForTesting", is(3)).extract().path("testRun.id");
        assertEquals(c, casesOf(all).stream().sorted().toList());
    }

    @Test
    void scheduleTestsAtMostConfigLimitCasesAndStoresTheConfig() {
        Fixture f = Fixture.of(services, 3, "interaction", "interaction");
        List<Integer> c = f.caseIds();
        int runId = scheduleWith("{\"aiAgentId\":\"" + f.slug() + "\",\"config\":{\"limit\":2,\"note\":\"smoke\"}}")
                .then().statusCode(200).body("testRun.ticketsScheduledForTesting", is(2))
                .body("testRun.config.limit", is(2)).body("testRun.config.note", equalTo("smoke"))
                .extract().path("testRun.id");
        assertEquals(List.of(c.get(0), c.get(1)), casesOf(runId).stream().sorted().toList());
        asAdmin().get(RUNS + "/" + runId).then().body("testRun.config.limit", is(2));
        // with testCaseIds: at most limit of those
        int both = scheduleWith("{\"aiAgentId\":\"" + f.slug() + "\",\"testCaseIds\":[" + c.get(1) + "," + c.get(2)
                + "],\"config\":{\"limit\":1}}").then().statusCode(200)
                .body("testRun.ticketsScheduledForTesting", is(1)).extract().path("testRun.id");
        assertEquals(List.of(c.get(1)), casesOf(both));
        // a limit above the cases there are: all of them
        scheduleWith("{\"aiAgentId\":\"" + f.slug() + "\",\"config\":{\"limit\":50}}").then().statusCode(200)
                .body("testRun.ticketsScheduledForTesting", is(3));
    }

    @Test
    void scheduleRefusesTestCaseIdsThatAreNotTheAgentsAndBadLimits() {
        Fixture f = Fixture.of(services, 2, "interaction", "interaction");
        Fixture other = Fixture.of(services, 1, "interaction", "interaction");
        int before = runsOf(f);
        String agent = "{\"aiAgentId\":\"" + f.slug() + "\",";
        scheduleWith(agent + "\"testCaseIds\":[" + f.caseIds().get(0) + "," + other.caseIds().get(0) + "]}").then()
                .statusCode(400).body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("testCaseIds[1]"));
        scheduleWith(agent + "\"testCaseIds\":[999999999]}").then().statusCode(400)
                .body("details[0].field", equalTo("testCaseIds[0]"));
        scheduleWith(agent + "\"testCaseIds\":[" + f.caseIds().get(0) + ",\"x\"]}").then().statusCode(400)
                .body("details[0].field", equalTo("testCaseIds[1]"));
        scheduleWith(agent + "\"testCaseIds\":{\"a\":1}}").then().statusCode(400)
                .body("details[0].field", equalTo("testCaseIds"));
        for (String limit : List.of("0", "-1", "\"2\"", "1.5", "true")) {
            scheduleWith(agent + "\"config\":{\"limit\":" + limit + "}}").then().statusCode(400)
                    .body("details[0].field", equalTo("config.limit"));
        }
        scheduleWith(agent + "\"config\":[1]}").then().statusCode(400).body("details[0].field", equalTo("config"));
        assertEquals(before, runsOf(f));
        // aiAgentId stays required
        scheduleWith("{\"testCaseIds\":[" + f.caseIds().get(0) + "]}").then().statusCode(400)
                .body("details[0].field", equalTo("aiAgentId"));
    }

    // --- rerun ----------------------------------------------------------------------------------------

    @Test
    void rerunSchedulesANewRunOfTheSameCasesWithTheirCurrentExpectations() {
        Fixture f = Fixture.of(services, 3, "interaction", "handover");
        int first = f.schedule();
        QuarkusTransaction.requiringNew().run(() -> runs.findById((long) first).config =
                JsonNodeFactory.instance.objectNode().put("repetitions", 5));
        drain();
        asAdmin().get(RUNS + "/" + first).then().body("testRun.state", equalTo("completed"))
                .body("testRun.successfulTests", is(0));
        asAdmin().post(RUNS + "/" + first + "/acceptAllExpectedResults").then().statusCode(200);
        // a case deleted since is left out, a case added to the agent since is not the run's
        asAdmin().delete("/api/mind/aiQualityCheck/testCase/" + f.caseIds().getFirst()).then().statusCode(200);
        long later = Stubs.ticketId();
        Stubs.ticket(services, later);
        Stubs.outcome(services, f.agentId(), later, "handover");
        asAdmin().body("{\"ticketId\":" + later + ",\"aiAgentId\":\"" + f.slug() + "\"}")
                .post("/api/mind/aiQualityCheck/testCase").then().statusCode(200);

        int second = given().header("Authorization", TestTokens.bearer(55, Roles.UPDATE_AI_AGENT))
                .post(RUNS + "/" + first + "/rerun").then().statusCode(200)
                .body("success", is(true))
                .body("testRun.id", not(is(first)))
                .body("testRun.state", equalTo("scheduled"))
                .body("testRun.aiAgentId", equalTo(f.slug()))
                .body("testRun.aiAgentName", equalTo("Agent " + f.slug()))
                .body("testRun.description", equalTo("nightly"))
                .body("testRun.config.repetitions", is(5))
                .body("testRun.createdBy", is(55))
                .body("testRun.ticketsScheduledForTesting", is(2))
                .body("testRun.ticketsTested", is(0))
                .body("testRun.endDate", nullValue())
                .extract().path("testRun.id");
        asAdmin().get(RUNS + "/" + second).then().statusCode(200)
                .body("tickets", hasSize(2))
                .body("tickets.testCaseId", containsInAnyOrder(f.caseIds().get(1), f.caseIds().get(2)))
                .body("tickets.expectedResult.outcomeType." + f.slug(), everyItem(equalTo("handover")));

        drain();
        asAdmin().get(RUNS + "/" + second).then()
                .body("testRun.state", equalTo("completed"))
                .body("testRun.ticketsTested", is(2))
                .body("testRun.successfulTests", is(2))
                .body("scores.overall", is(1.0f));
        // the original is as it was
        asAdmin().get(RUNS + "/" + first).then()
                .body("testRun.state", equalTo("completed"))
                .body("testRun.ticketsScheduledForTesting", is(3))
                .body("tickets", hasSize(3));
        assertEquals(2, runsOf(f));
    }

    @Test
    void rerunOfARunStillGoingIs409AndWritesNothing() {
        Fixture f = Fixture.of(services, 2, "interaction", "interaction");
        int runId = f.schedule();
        asAdmin().post(RUNS + "/" + runId + "/rerun").then().statusCode(409)
                .body("success", is(false))
                .body("code", equalTo("test_run_not_finished"))
                .body("error", containsString("scheduled"));
        QuarkusTransaction.requiringNew().run(() -> runs.findById((long) runId).state = TestRunState.processing);
        asAdmin().post(RUNS + "/" + runId + "/rerun").then().statusCode(409).body("code", equalTo("test_run_not_finished"));
        assertEquals(1, runsOf(f));
        // once stopped it may run again
        asAdmin().post(RUNS + "/" + runId + "/stop").then().statusCode(200);
        asAdmin().post(RUNS + "/" + runId + "/rerun").then().statusCode(200).body("testRun.ticketsScheduledForTesting", is(2));
        assertEquals(2, runsOf(f));
    }

    @Test
    void rerunOfAnUnknownRunIs404() {
        asAdmin().post(RUNS + "/999999999/rerun").then().statusCode(404)
                .body("success", is(false)).body("error", containsString("999999999"));
    }

    @Test
    void rerunOfARunWhoseCasesAreAllGoneIs409AndWritesNothing() {
        Fixture f = Fixture.of(services, 2, "interaction", "interaction");
        int runId = f.schedule();
        drain();
        for (int caseId : f.caseIds()) {
            asAdmin().delete("/api/mind/aiQualityCheck/testCase/" + caseId).then().statusCode(200);
        }
        asAdmin().post(RUNS + "/" + runId + "/rerun").then().statusCode(409).body("code", equalTo("no_test_cases"));
        assertEquals(1, runsOf(f));
    }

    @Test
    void rerunOfAnAgentAiAgentSvcNoLongerKnowsIs404AndWritesNothing() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        drain();
        services.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/mind/aiAgent/" + f.agentId()))
                .willReturn(Stubs.json(404, "{\"success\":false,\"error\":\"AI agent not found\"}")));
        asAdmin().post(RUNS + "/" + runId + "/rerun").then().statusCode(404)
                .body("success", is(false)).body("error", containsString("AI agent"));
        assertEquals(1, runsOf(f));
    }

    @Test
    void rerunWhileAiAgentSvcFailsIs503WithRetryAfterAndWritesNothing() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        drain();
        services.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/mind/aiAgent/" + f.agentId()))
                .willReturn(Stubs.json(500, "{\"success\":false,\"error\":\"boom\"}")));
        asAdmin().post(RUNS + "/" + runId + "/rerun").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", is(false))
                .body("code", equalTo("dependency_unavailable"));
        assertEquals(1, runsOf(f));
    }

    @Test
    void rerunNeedsAdminOrUpdateAiAgentAndWritesNothingOtherwise() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        drain();
        given().header("Authorization", TestTokens.agent(4)).post(RUNS + "/" + runId + "/rerun").then().statusCode(403);
        given().header("Authorization", TestTokens.serviceWorker()).post(RUNS + "/" + runId + "/rerun").then().statusCode(403);
        given().post(RUNS + "/" + runId + "/rerun").then().statusCode(401);
        assertEquals(1, runsOf(f));
    }

    @Test
    void aRepeatedRerunWithTheSameIdempotencyKeyMakesOneRun() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        drain();
        String key = "rerun-" + f.slug();
        int again = asAdmin().header("Idempotency-Key", key).post(RUNS + "/" + runId + "/rerun").then().statusCode(200)
                .extract().path("testRun.id");
        asAdmin().header("Idempotency-Key", key).post(RUNS + "/" + runId + "/rerun").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("testRun.id", is(again));
        assertEquals(2, runsOf(f));
    }
}
