package mind.telephony.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** GET /health, /health/cron and /version: what clients call to check that Mind answers. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class SystemResourceTest {

    @Inject
    Scheduler scheduler;

    @Test
    void healthIsTheReadinessAndNeedsAValidToken() {
        given().header("Authorization", TestTokens.agent(5)).get("/api/mind/health").then().statusCode(200)
                .body("success", is(true)).body("status", equalTo("UP")).body("service", equalTo("telephony-svc"))
                .body("checks.name", hasItem(notNullValue())).body("checks.status", not(hasItem("DOWN")));
        given().get("/api/mind/health").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer not-a-token").get("/api/mind/health").then().statusCode(401);
    }

    @Test
    void cronListsTheJobsAndIsDownWhileOneIsPaused() {
        List<String> ids = given().header("Authorization", TestTokens.serviceWorker()).get("/api/mind/health/cron")
                .then().statusCode(200).body("status", equalTo("UP")).body("schedulerRunning", is(true))
                .extract().path("jobs.id");
        // the outbox and routing passes are off in tests; the event streams' heartbeat runs
        org.junit.jupiter.api.Assertions.assertTrue(ids.stream().anyMatch(id -> id.endsWith("AgentStreams#heartbeat")),
                ids.toString());
        String one = ids.get(0);
        scheduler.pause(one);
        try {
            given().header("Authorization", TestTokens.admin()).get("/api/mind/health/cron").then().statusCode(503)
                    .body("success", is(false)).body("status", equalTo("DOWN"))
                    .body("jobs.find { it.id == '" + one + "' }.paused", is(true));
        } finally {
            scheduler.resume(one);
        }
        // resumed, the job is UP again once it has run: a pause longer than its period leaves it overdue until then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.admin()).get("/api/mind/health/cron").then().statusCode(200));
    }

    @Test
    void versionIsTheBuildsVersion() {
        given().header("Authorization", TestTokens.admin()).get("/api/mind/version").then().statusCode(200)
                .body("name", equalTo("Mind")).body("version", equalTo("0.1.0-SNAPSHOT"))
                .body("service", equalTo("telephony-svc"));
    }
}
