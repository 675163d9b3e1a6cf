package mind.qualitycheck.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.qualitycheck.support.Fixture;
import mind.qualitycheck.support.ServicesStub;
import mind.qualitycheck.support.ServicesStub.InjectServices;
import mind.qualitycheck.support.Stubs;

/**
 * mind_testruns_started_total and mind_testruns_finished_total{state} at /q/metrics. The background worker is off:
 * the test works the jobs itself, so no run of another test finishes while the counters are compared.
 */
@QuarkusTest
@TestProfile(WorkerOffProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(ServicesStub.class)
class TestRunMetricsTest {

    static final String RUNS = "/api/mind/aiQualityCheck/testRun";

    @InjectServices
    WireMockServer services;

    @Inject
    TestJobs jobs;

    @Inject
    TestTicketTester tester;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    /**
     * Tests every due job, as the worker would: before each test what earlier tests left, after it its own, which
     * other tests of this profile would otherwise take.
     */
    @BeforeEach
    @AfterEach
    void drain() {
        for (List<TestJobs.Job> taken = jobs.take(10); !taken.isEmpty(); taken = jobs.take(10)) {
            taken.forEach(tester::test);
        }
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String name, String state) {
        String tags = state == null ? "(\\{[^}]*})?" : "\\{[^}]*state=\"" + state + "\"[^}]*}";
        Matcher m = Pattern.compile("^" + name + tags + " ([0-9.E]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(m.groupCount())) : 0;
    }

    private static double started(String metrics) {
        return value(metrics, "mind_testruns_started_total", null);
    }

    private static double finished(String metrics, String state) {
        return value(metrics, "mind_testruns_finished_total", state);
    }

    @Test
    void countsEachScheduledRunOnceAndNoRefusedOrReplayedSchedule() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        String noCases = Stubs.slug();
        Stubs.agent(services, Stubs.ticketId(), noCases, "No cases");
        String before = metrics();

        String body = "{\"aiAgentId\":\"" + f.slug() + "\"}";
        for (int i = 0; i < 2; i++) {
            asAdmin().header("Idempotency-Key", "metrics-" + f.slug()).body(body).post(RUNS).then().statusCode(200);
        }
        f.schedule();
        asAdmin().body("{\"aiAgentId\":\"" + noCases + "\"}").post(RUNS).then().statusCode(400);
        asAdmin().body("{\"aiAgentId\":\"" + Stubs.slug() + "\"}").post(RUNS).then().statusCode(404);

        assertEquals(2, started(metrics()) - started(before), 0.0001);
        given().get("/q/metrics").then().body(containsString("# HELP mind_testruns_started Test runs scheduled"));
    }

    @Test
    void countsEachFinishedRunOnceByItsFinalState() {
        Fixture passing = Fixture.of(services, 2, "interaction", "interaction");
        Fixture failing = Fixture.of(services, 2, "interaction", "interaction");
        for (long ticketId : failing.ticketIds()) {
            services.stubFor(WireMock.post(WireMock.urlPathEqualTo("/api/mind/aiAgent/outcome")).atPriority(1)
                    .withRequestBody(WireMock.matchingJsonPath("$.ticketId", WireMock.equalTo(Long.toString(ticketId))))
                    .willReturn(Stubs.json(404, "{\"success\":false,\"error\":\"Intent description not found\"}")));
        }
        Fixture stopped = Fixture.of(services, 2, "interaction", "interaction");
        String before = metrics();

        int completedRun = passing.schedule();
        int failedRun = failing.schedule();
        drain();
        int stoppedRun = stopped.schedule();
        asAdmin().post(RUNS + "/" + stoppedRun + "/stop").then().statusCode(200);
        asAdmin().post(RUNS + "/" + stoppedRun + "/stop").then().statusCode(409);
        asAdmin().post(RUNS + "/" + completedRun + "/stop").then().statusCode(409);
        drain();

        asAdmin().get(RUNS + "/" + completedRun).then().body("testRun.state", equalTo("completed"));
        asAdmin().get(RUNS + "/" + failedRun).then().body("testRun.state", equalTo("failed"));
        String after = metrics();
        assertEquals(1, finished(after, "completed") - finished(before, "completed"), 0.0001, "completed");
        assertEquals(1, finished(after, "failed") - finished(before, "failed"), 0.0001, "failed");
        assertEquals(1, finished(after, "stopped") - finished(before, "stopped"), 0.0001, "stopped");
        given().get("/q/metrics").then().body(containsString("# HELP mind_testruns_finished Test runs finished"));
    }
}
