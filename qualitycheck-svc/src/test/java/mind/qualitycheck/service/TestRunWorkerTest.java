package mind.qualitycheck.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.qualitycheck.config.QualityCheckConfig;
import mind.qualitycheck.support.Drain;
import mind.qualitycheck.support.Fixture;
import mind.qualitycheck.support.MutableClock;
import mind.qualitycheck.support.ServicesStub;
import mind.qualitycheck.support.ServicesStub.InjectServices;

/**
 * The job table with the background worker off: the tests take jobs like several workers (threads or
 * replicas) would, crash one by never finishing its jobs, and move the clock past the lease.
 */
@QuarkusTest
@TestProfile(WorkerOffProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(ServicesStub.class)
class TestRunWorkerTest {

    static final String RUNS = "/api/mind/aiQualityCheck/testRun";

    @InjectServices
    WireMockServer services;

    @Inject
    TestJobs jobs;

    @Inject
    TestTicketTester tester;

    @Inject
    MutableClock clock;

    @Inject
    QualityCheckConfig config;

    @Inject
    EntityManager em;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private int outcomeCalls(Fixture f) {
        return services.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(WireMock.matchingJsonPath("$.aiAgentId", WireMock.equalTo(Long.toString(f.agentId())))))
                .size();
    }

    /** Tests every due job, one taker; what it tested. */
    private int drain() {
        return Drain.all(jobs, tester);
    }

    @Test
    void parallelTakersTestEveryTicketExactlyOnce() throws Exception {
        Fixture f = Fixture.of(services, 40, "interaction", "interaction");
        int runId = f.schedule();
        asAdmin().get(RUNS + "/" + runId).then().body("testRun.state", equalTo("scheduled"));

        List<List<Long>> perTaker = Concurrently.run(4, () -> {
            List<Long> mine = new ArrayList<>();
            for (List<TestJobs.Job> taken = jobs.take(3); !taken.isEmpty(); taken = jobs.take(3)) {
                for (TestJobs.Job job : taken) {
                    assertTrue(tester.test(job), "a job's result is recorded by the one who took it");
                    mine.add(job.lease().testTicketId());
                }
            }
            return mine;
        });
        Set<Long> all = new HashSet<>();
        int total = 0;
        for (List<Long> mine : perTaker) {
            all.addAll(mine);
            total += mine.size();
        }
        assertEquals(40, total, "every job taken once");
        assertEquals(40, all.size(), "no job taken twice");
        assertEquals(40, outcomeCalls(f), "each ticket dry-run once");
        asAdmin().get(RUNS + "/" + runId).then()
                .body("testRun.state", equalTo("completed"))
                .body("testRun.ticketsTested", is(40))
                .body("testRun.successfulTests", is(40))
                .body("scores.overall", is(1.0f));
    }

    @Test
    void aCrashedWorkersJobsAreTakenAgainAfterTheLeaseAndRecordedOnce() {
        Fixture f = Fixture.of(services, 3, "interaction", "interaction");
        int runId = f.schedule();
        // a replica takes every job and dies before testing any (its process is gone; nothing committed)
        List<TestJobs.Job> crashed = jobs.take(10);
        assertEquals(3, crashed.size());
        asAdmin().get(RUNS + "/" + runId).then().body("testRun.state", equalTo("processing"))
                .body("tickets.state", everyItem(equalTo("processing")));
        assertTrue(jobs.take(10).isEmpty(), "leased jobs are nobody else's until the lease ends");

        clock.advance(config.worker().lease().plusSeconds(1));
        List<TestJobs.Job> retaken = jobs.take(10);
        assertEquals(3, retaken.size(), "after the lease the jobs are due again (a restarted service resumes them)");
        for (TestJobs.Job job : retaken) {
            assertTrue(tester.test(job));
        }
        // the crashed worker comes back to life and tries to record: its lease is gone, nothing is written twice
        for (TestJobs.Job job : crashed) {
            assertFalse(tester.test(job));
        }
        asAdmin().get(RUNS + "/" + runId).then()
                .body("testRun.state", equalTo("completed"))
                .body("testRun.ticketsTested", is(3))
                .body("testRun.successfulTests", is(3));
        assertEquals(3 + 3, outcomeCalls(f), "the late worker's dry runs changed nothing");
    }

    @Test
    void stopHaltsTheRemainingJobsAndDiscardsTestsInFlight() {
        Fixture f = Fixture.of(services, 5, "interaction", "interaction");
        int runId = f.schedule();
        List<TestJobs.Job> inFlight = jobs.take(2);
        assertEquals(2, inFlight.size());
        asAdmin().post(RUNS + "/" + runId + "/stop").then().statusCode(200)
                .body("testRun.state", equalTo("stopped"))
                .body("testRun.endDate", org.hamcrest.Matchers.notNullValue());
        for (TestJobs.Job job : inFlight) {
            assertFalse(tester.test(job), "a result arriving after stop is discarded");
        }
        assertEquals(0, drain(), "no job of a stopped run is left");
        asAdmin().get(RUNS + "/" + runId).then()
                .body("testRun.state", equalTo("stopped"))
                .body("testRun.ticketsTested", is(0))
                .body("tickets.state", everyItem(equalTo("stopped")))
                .body("tickets.actualResult", everyItem(nullValue()));
        asAdmin().post(RUNS + "/" + runId + "/stop").then().statusCode(409);
    }

    @Test
    void anUnavailableAgentServiceIsTriedAgainThenTheTicketFails() {
        Fixture f = Fixture.of(services, 1, "interaction", "interaction");
        long ticketId = f.ticketIds().getFirst();
        services.stubFor(WireMock.post(WireMock.urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(WireMock.matchingJsonPath("$.ticketId", WireMock.equalTo(Long.toString(ticketId))))
                .atPriority(1)
                .willReturn(WireMock.aResponse().withStatus(503)));
        int runId = f.schedule();
        for (int attempt = 1; attempt <= config.worker().maxAttempts(); attempt++) {
            clock.advance(config.worker().retryDelay().plusSeconds(1));
            List<TestJobs.Job> taken = jobs.take(10);
            assertEquals(1, taken.size(), "attempt " + attempt);
            assertEquals(attempt, taken.getFirst().lease().attempt());
            assertTrue(tester.test(taken.getFirst()));
        }
        assertTrue(jobs.take(10).isEmpty());
        asAdmin().get(RUNS + "/" + runId).then()
                .body("testRun.state", equalTo("failed"))
                .body("testRun.ticketsTested", is(1))
                .body("tickets[0].state", equalTo("failed"));
    }

    @Test
    void aRunWritesNothingOutsideThisServicesSchema() {
        Map<String, Long> before = changesOutsideSchema();
        long insertsBefore = ticketInserts();
        Fixture f = Fixture.of(services, 3, "interaction", "handover");
        int runId = f.schedule();
        assertEquals(3, drain());
        asAdmin().get(RUNS + "/" + runId).then().body("testRun.state", equalTo("completed"));
        // other services were only read from, and the agent only dry-run
        List<LoggedRequest> sent = services.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
        for (LoggedRequest request : sent) {
            boolean read = request.getMethod().getName().equals("GET");
            boolean dryRun = request.getUrl().equals("/api/mind/aiAgent/outcome")
                    && request.getBodyAsString().replace(" ", "").contains("\"dryRun\":true");
            assertTrue(read || dryRun, "unexpected write to another service: " + request.getMethod() + " " + request.getUrl());
        }
        // the statistics have caught up with this run's inserts, and no table outside the schema changed
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketInserts() >= insertsBefore + 3);
        assertEquals(before, changesOutsideSchema());
    }

    private long ticketInserts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_stat_clear_snapshot()").getSingleResult();
            Object n = em.createNativeQuery("select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables "
                    + "where schemaname = 'qualitycheck' and relname = 'test_ticket'").getSingleResult();
            return ((Number) n).longValue();
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> changesOutsideSchema() {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_stat_clear_snapshot()").getSingleResult();
            Map<String, Long> changes = new HashMap<>();
            List<Object[]> rows = em.createNativeQuery("select schemaname || '.' || relname, n_tup_ins + n_tup_upd + n_tup_del "
                    + "from pg_stat_user_tables where schemaname <> 'qualitycheck'").getResultList();
            rows.forEach(r -> changes.put((String) r[0], ((Number) r[1]).longValue()));
            return changes;
        });
    }
}
