package mind.qualitycheck.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.qualitycheck.support.Fixture;
import mind.qualitycheck.support.ServicesStub;
import mind.qualitycheck.support.ServicesStub.InjectServices;
import mind.qualitycheck.support.Stubs;

/** Runs scheduled over HTTP and worked through by the service's own background worker. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(ServicesStub.class)
class TestRunFlowTest {

    static final String RUNS = "/api/mind/aiQualityCheck/testRun";

    @InjectServices
    WireMockServer services;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static ValidatableResponse awaitState(int runId, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state.equals(asAdmin().get(RUNS + "/" + runId).path("testRun.state")));
        return asAdmin().get(RUNS + "/" + runId).then().statusCode(200);
    }

    @Test
    void aRunOfFiftyCasesCompletesWithExactCountsAndScores() {
        Fixture f = Fixture.of(services, 50, "interaction", "interaction");
        // ten of them answer differently: 40 of 50 match the expected outcome type
        for (long ticketId : f.ticketIds().subList(0, 10)) {
            Stubs.outcome(services, f.agentId(), ticketId, "handover");
        }
        int runId = asAdmin().body("{\"aiAgentId\":\"" + f.slug() + "\",\"description\":\"nightly\"}").post(RUNS)
                .then().statusCode(200)
                .body("success", is(true))
                .body("testRun.state", equalTo("scheduled"))
                .body("testRun.aiAgentId", equalTo(f.slug()))
                .body("testRun.aiAgentName", equalTo("Agent " + f.slug()))
                .body("testRun.ticketsScheduledForTesting", is(50))
                .body("testRun.ticketsTested", is(0))
                .body("testRun.createdBy", is(1))
                .body("testRun.description", equalTo("nightly"))
                .extract().path("testRun.id");

        awaitState(runId, "completed")
                .header("ETag", notNullValue())
                .body("testRun.ticketsScheduledForTesting", is(50))
                .body("testRun.ticketsTested", is(50))
                .body("testRun.successfulTests", is(40))
                .body("testRun.endDate", notNullValue())
                .body("scores.overall", is(0.8f))
                .body("scores.outcomeType", is(0.8f))
                .body("scores.sentiment", is(1.0f))
                .body("tickets", hasSize(50))
                .body("tickets.state", everyItem(equalTo("completed")))
                .body("tickets[0].testRunId", is(runId))
                .body("tickets[0].aiAgentId", equalTo(f.slug()))
                .body("tickets[0].expectedResult.sentiment", equalTo("neutral"))
                .body("tickets[0].actualResult.contractId", equalTo("C" + f.ticketIds().getFirst()))
                .body("tickets[0].actualResult.outcomeText." + f.slug(), equalTo("Your bank data was changed"))
                .body("tickets[0].actualResult.inputParameters." + f.slug() + ".iban", equalTo("DE02120300000000202051"))
                .body("tickets[0].actualResult.outcomeActions." + f.slug(), contains("PATCH https://erp.example/contract"))
                .body("tickets[0].actualResult.tags", contains(3, 1))
                .body("tickets[0].rawResult.customerOutcomeType", equalTo("handover"))
                .body("tickets[0].rawResult.curlRequests[0].headers.Authorization", equalTo("********"))
                .body("tickets[0].successful", is(false))
                .body("tickets[10].successful", is(true));
        // every ticket was dry-run exactly once, with the service token
        services.verify(50, WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(WireMock.matchingJsonPath("$.aiAgentId", WireMock.equalTo(Long.toString(f.agentId()))))
                .withRequestBody(WireMock.matchingJsonPath("$.dryRun", WireMock.equalTo("true")))
                .withHeader("Authorization", WireMock.matching("Bearer .+")));
    }

    @Test
    void acceptAllThenRunAgainScoresOne() {
        Fixture f = Fixture.of(services, 4, "interaction", "handover");
        int first = f.schedule();
        awaitState(first, "completed").body("testRun.successfulTests", is(0)).body("scores.overall", is(0.0f));

        asAdmin().post(RUNS + "/" + first + "/acceptAllExpectedResults").then().statusCode(200)
                .body("success", is(true))
                .body("message", equalTo("All test ticket expected results accepted successfully"))
                .body("testTickets", hasSize(4))
                .body("testTickets.successful", everyItem(is(true)))
                .body("testTickets[0].expectedResult.outcomeType." + f.slug(), equalTo("handover"));
        asAdmin().get(RUNS + "/" + first).then()
                .body("testRun.successfulTests", is(4)).body("scores.overall", is(1.0f));
        // the test cases took the accepted results for future runs
        asAdmin().queryParam("aiAgentId", f.slug()).get("/api/mind/aiQualityCheck/testCase").then()
                .body("testCases.expectedResult.outcomeType." + f.slug(), everyItem(equalTo("handover")));

        int second = f.schedule();
        awaitState(second, "completed").body("testRun.successfulTests", is(4)).body("scores.overall", is(1.0f));
    }

    @Test
    void updateAndAcceptOneExpectedResult() {
        Fixture f = Fixture.of(services, 2, "interaction", "handover");
        int runId = f.schedule();
        awaitState(runId, "completed");
        long t0 = f.ticketIds().get(0);
        long t1 = f.ticketIds().get(1);
        String etag = asAdmin().get(RUNS + "/" + runId).header("ETag");

        asAdmin().header("If-Match", "\"999\"").body("{\"expectedResult\":{\"sentiment\":\"neutral\"}}")
                .patch(RUNS + "/" + runId + "/updateExpectedResult/" + t0).then().statusCode(412);
        asAdmin().header("If-Match", etag).body("{\"expectedResult\":{\"sentiment\":\"neutral\"}}")
                .patch(RUNS + "/" + runId + "/updateExpectedResult/" + t0).then().statusCode(200)
                .body("message", equalTo("Test ticket expected result updated successfully"))
                .body("testTicket.ticketId", is(Stubs.num(t0)))
                .body("testTicket.expectedResult.sentiment", equalTo("neutral"))
                .body("testTicket.expectedResult.outcomeType", nullValue())
                .body("testTicket.successful", is(true));
        asAdmin().get(RUNS + "/" + runId).then().body("testRun.successfulTests", is(1)).body("scores.overall", is(0.5f));

        asAdmin().patch(RUNS + "/" + runId + "/acceptExpectedResult/" + t1).then().statusCode(200)
                .body("message", equalTo("Test ticket expected result accepted successfully"))
                .body("testTicket.expectedResult.outcomeType." + f.slug(), equalTo("handover"))
                .body("testTicket.successful", is(true));
        asAdmin().get(RUNS + "/" + runId).then().body("testRun.successfulTests", is(2));

        asAdmin().body("{\"expectedResult\":\"no\"}").patch(RUNS + "/" + runId + "/updateExpectedResult/" + t0)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult"));
        asAdmin().body("{}").patch(RUNS + "/" + runId + "/updateExpectedResult/" + t0)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult"));
        asAdmin().patch(RUNS + "/" + runId + "/acceptExpectedResult/12345").then().statusCode(404);
        asAdmin().patch(RUNS + "/999999999/acceptExpectedResult/" + t0).then().statusCode(404);
        asAdmin().post(RUNS + "/999999999/acceptAllExpectedResults").then().statusCode(404);
    }

    @Test
    void twoRunsOfOneAgentOverlap() {
        Fixture f = Fixture.of(services, 6, "interaction", "interaction");
        int a = f.schedule();
        int b = f.schedule();
        awaitState(a, "completed").body("testRun.ticketsTested", is(6)).body("testRun.successfulTests", is(6));
        awaitState(b, "completed").body("testRun.ticketsTested", is(6)).body("testRun.successfulTests", is(6));
        asAdmin().queryParam("aiAgentId", f.slug()).get(RUNS).then().body("testRuns.id", contains(b, a));
        asAdmin().queryParam("aiAgentId", Long.toString(f.agentId())).queryParam("state", "completed").get(RUNS)
                .then().body("total", is(2));
    }

    @Test
    void aRunWhoseEveryTicketFailsIsFailed() {
        Fixture f = Fixture.of(services, 2, "interaction", "interaction");
        for (long ticketId : f.ticketIds()) {
            services.stubFor(WireMock.post(WireMock.urlPathEqualTo("/api/mind/aiAgent/outcome"))
                    .withRequestBody(WireMock.matchingJsonPath("$.ticketId", WireMock.equalTo(Long.toString(ticketId))))
                    .willReturn(Stubs.json(404, "{\"success\":false,\"error\":\"Intent description not found\"}")));
        }
        int runId = f.schedule();
        awaitState(runId, "failed")
                .body("testRun.ticketsTested", is(2))
                .body("testRun.successfulTests", is(0))
                .body("tickets.state", everyItem(equalTo("failed")))
                .body("tickets[0].error", org.hamcrest.Matchers.containsString("aiagent-svc refused"));
    }

    @Test
    void scheduleValidatesTheAgent() {
        asAdmin().body("{}").post(RUNS).then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body("{\"aiAgentId\":true}").post(RUNS).then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body("{\"aiAgentId\":\"" + Stubs.slug() + "\"}").post(RUNS).then().statusCode(404);
        String slug = Stubs.slug();
        Stubs.agent(services, Stubs.ticketId(), slug, "No cases");
        asAdmin().body("{\"aiAgentId\":\"" + slug + "\"}").post(RUNS).then().statusCode(400)
                .body("details[0].field", equalTo("aiAgentId"))
                .body("details[0].message", org.hamcrest.Matchers.containsString("no test cases"));
        asAdmin().body("{\"aiAgentId\":\"x\",\"description\":\"" + "d".repeat(10001) + "\"}").post(RUNS).then()
                .statusCode(400).body("details[0].field", equalTo("description"));
    }

    @Test
    void getAndDeleteAndStopOfUnknownRunsAre404AndFinishedRunsCannotBeStopped() {
        asAdmin().get(RUNS + "/999999999").then().statusCode(404).body("success", is(false));
        asAdmin().delete(RUNS + "/999999999").then().statusCode(404);
        asAdmin().post(RUNS + "/999999999/stop").then().statusCode(404);
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        awaitState(runId, "completed");
        asAdmin().post(RUNS + "/" + runId + "/stop").then().statusCode(409).body("code", equalTo("test_run_finished"));
        asAdmin().header("If-Match", "\"0\"").delete(RUNS + "/" + runId).then().statusCode(412);
        String etag = asAdmin().get(RUNS + "/" + runId).header("ETag");
        asAdmin().header("If-Match", etag).delete(RUNS + "/" + runId).then().statusCode(200).body("success", is(true));
        asAdmin().get(RUNS + "/" + runId).then().statusCode(404);
    }

    @Test
    void testableAgentsListAgentsWithCasesAndTheirLastRun() {
        Fixture f = Fixture.of(services, 3, "interaction", "interaction");
        Fixture never = Fixture.of(services, 1, "interaction", "interaction");
        int runId = f.schedule();
        awaitState(runId, "completed");
        List<java.util.Map<String, Object>> agents = asAdmin().queryParam("limit", 1000)
                .get("/api/mind/aiQualityCheck/testableAiAgents").then().statusCode(200)
                .body("success", is(true)).body("limit", is(1000)).extract().path("aiAgents");
        var mine = agents.stream().filter(a -> f.slug().equals(a.get("aiAgentId"))).findFirst().orElseThrow();
        assertEquals(3, mine.get("testCases"));
        assertEquals("Agent " + f.slug(), mine.get("aiAgentName"));
        assertEquals(runId, ((java.util.Map<?, ?>) mine.get("lastTestRun")).get("id"));
        var other = agents.stream().filter(a -> never.slug().equals(a.get("aiAgentId"))).findFirst().orElseThrow();
        assertEquals(null, other.get("lastTestRun"));

        asAdmin().get("/api/mind/aiQualityCheck/aiAgents").then().statusCode(200)
                .body("aiAgents.aiAgentId", org.hamcrest.Matchers.hasItems(f.slug(), never.slug()));
        asAdmin().queryParam("limit", 1001).get("/api/mind/aiQualityCheck/testableAiAgents").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
        given().header("Authorization", TestTokens.agent(4)).get("/api/mind/aiQualityCheck/testableAiAgents").then()
                .statusCode(403);
        given().header("Authorization", TestTokens.agent(4)).contentType(ContentType.JSON).body("{\"aiAgentId\":\"x\"}")
                .post(RUNS).then().statusCode(403);
        given().header("Authorization", TestTokens.agent(4)).get(RUNS + "/1").then().statusCode(403);
    }

    @Test
    void aRepeatedScheduleWithTheSameIdempotencyKeyMakesOneRun() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        String body = "{\"aiAgentId\":\"" + f.slug() + "\"}";
        int first = asAdmin().header("Idempotency-Key", "run-" + f.slug()).body(body).post(RUNS).then().statusCode(200)
                .extract().path("testRun.id");
        asAdmin().header("Idempotency-Key", "run-" + f.slug()).body(body).post(RUNS).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("testRun.id", is(first));
        asAdmin().queryParam("aiAgentId", f.slug()).get(RUNS).then().body("total", is(1));
        awaitState(first, "completed");
    }
}
