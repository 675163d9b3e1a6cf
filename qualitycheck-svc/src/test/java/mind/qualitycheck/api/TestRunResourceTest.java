package mind.qualitycheck.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import mind.common.auth.Roles;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.qualitycheck.domain.TestRun;
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.repository.TestRunRepository;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class TestRunResourceTest {

    static final String PATH = "/api/mind/aiQualityCheck/testRun";

    @Inject
    TestRunRepository runs;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin());
    }

    /** Inserts a run in its own committed transaction; there is no create endpoint yet. */
    private long insert(String aiAgentId, TestRunState state) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TestRun run = new TestRun();
            run.aiAgentId = aiAgentId;
            run.aiAgentName = "Agent " + aiAgentId;
            run.state = state;
            run.createdBy = 1L;
            run.createdAt = Instant.now();
            runs.persist(run);
            return run.id;
        });
    }

    private static String agentId() {
        return "agent_" + UUID.randomUUID().toString().replace('-', '_');
    }

    /**
     * Other tests and test classes share the database, so "nothing matches" is made with a fresh agent
     * id, and another agent's run is stored first so the database is surely not empty.
     */
    @Test
    void noMatchingRunGivesAnEmptyPageWithDefaults() {
        insert(agentId(), TestRunState.completed);
        String agent = agentId();
        asAdmin().queryParam("aiAgentId", agent).get(PATH)
                .then().statusCode(200)
                .body("success", is(true))
                .body("testRuns", empty())
                .body("total", is(0))
                .body("limit", is(100))
                .body("offset", is(0));
    }

    @Test
    void testRunHasEnneoShapeWithIsoDates() {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("repetitions", 5);
        String agent = "change_bank_data_" + UUID.randomUUID().toString().substring(0, 8);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            TestRun run = new TestRun();
            run.aiAgentId = agent;
            run.aiAgentName = "Change bank data";
            run.state = TestRunState.completed;
            run.config = config;
            run.createdBy = 123L;
            run.createdAt = Instant.parse("2023-11-07T05:31:56.789Z");
            run.endDate = Instant.parse("2023-11-07T06:00:01Z");
            run.ticketsScheduledForTesting = 10;
            run.ticketsTested = 9;
            run.successfulTests = 8;
            run.description = "nightly";
            runs.persist(run);
            return run.id;
        });

        asAdmin().queryParam("aiAgentId", agent).get(PATH)
                .then().statusCode(200)
                .body("total", is(1))
                .body("testRuns", hasSize(1))
                .body("testRuns[0].id", is((int) id))
                .body("testRuns[0].aiAgentId", equalTo(agent))
                .body("testRuns[0].aiAgentName", equalTo("Change bank data"))
                .body("testRuns[0].state", equalTo("completed"))
                .body("testRuns[0].config.repetitions", is(5))
                .body("testRuns[0].createdBy", is(123))
                .body("testRuns[0].createdAt", equalTo("2023-11-07T05:31:56Z"))
                .body("testRuns[0].endDate", equalTo("2023-11-07T06:00:01Z"))
                .body("testRuns[0].ticketsScheduledForTesting", is(10))
                .body("testRuns[0].ticketsTested", is(9))
                .body("testRuns[0].successfulTests", is(8))
                .body("testRuns[0].description", equalTo("nightly"));
    }

    @Test
    void runningRunHasNullEndDate() {
        String agent = agentId();
        insert(agent, TestRunState.processing);
        asAdmin().queryParam("aiAgentId", agent).get(PATH)
                .then().statusCode(200)
                .body("testRuns[0].state", equalTo("processing"))
                .body("testRuns[0]", hasKey("endDate"))
                .body("testRuns[0].endDate", nullValue());
    }

    @Test
    void pagesAreNewestFirstWithTotal() {
        String agent = agentId();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add((int) insert(agent, TestRunState.completed));
        }
        asAdmin().queryParam("aiAgentId", agent).queryParam("limit", 2).get(PATH)
                .then().statusCode(200)
                .body("testRuns.id", contains(ids.get(4), ids.get(3)))
                .body("total", is(5))
                .body("limit", is(2))
                .body("offset", is(0));
        asAdmin().queryParam("aiAgentId", agent).queryParam("limit", 2).queryParam("offset", 2).get(PATH)
                .then().statusCode(200)
                .body("testRuns.id", contains(ids.get(2), ids.get(1)))
                .body("total", is(5))
                .body("offset", is(2));
        asAdmin().queryParam("aiAgentId", agent).queryParam("limit", 2).queryParam("offset", 4).get(PATH)
                .then().statusCode(200)
                .body("testRuns.id", contains(ids.get(0)))
                .body("total", is(5));
        asAdmin().queryParam("aiAgentId", agent).queryParam("offset", 50).get(PATH)
                .then().statusCode(200)
                .body("testRuns", empty())
                .body("total", is(5));
    }

    @Test
    void unfilteredListIsOrderedByIdDescending() {
        insert(agentId(), TestRunState.failed);
        insert(agentId(), TestRunState.stopped);
        List<Integer> ids = asAdmin().queryParam("limit", 1000).get(PATH)
                .then().statusCode(200).extract().path("testRuns.id");
        long total = ((Number) asAdmin().get(PATH).path("total")).longValue();
        assertEquals(QuarkusTransaction.requiringNew().call(() -> runs.count()), total);
        assertEquals(total, ids.size());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) > ids.get(i), "descending at " + i + ": " + ids);
        }
    }

    @Test
    void stateFilterCombinesWithAgentFilter() {
        String agent = agentId();
        insert(agent, TestRunState.processing);
        long c1 = insert(agent, TestRunState.completed);
        insert(agent, TestRunState.failed);
        long c2 = insert(agent, TestRunState.completed);
        insert(agentId(), TestRunState.completed);

        asAdmin().queryParam("aiAgentId", agent).queryParam("state", "completed").get(PATH)
                .then().statusCode(200)
                .body("total", is(2))
                .body("testRuns.id", contains((int) c2, (int) c1))
                .body("testRuns.state", everyItem(equalTo("completed")));
        asAdmin().queryParam("state", "failed").get(PATH)
                .then().statusCode(200)
                .body("testRuns.state", everyItem(equalTo("failed")));
    }

    @Test
    void unknownStateIs400NamingIt() {
        asAdmin().queryParam("state", "done").get(PATH)
                .then().statusCode(400)
                .body("success", is(false))
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("state"))
                .body("details[0].message", allOf(containsString("processing"), containsString("stopped")));
    }

    @Test
    void limitOutOfBoundsIs400NamingIt() {
        for (String bad : List.of("0", "1001", "-5", "ten", "1.5")) {
            asAdmin().queryParam("limit", bad).get(PATH)
                    .then().statusCode(400)
                    .body("success", is(false))
                    .body("details[0].field", equalTo("limit"));
        }
        insert(agentId(), TestRunState.processing);
        insert(agentId(), TestRunState.processing);
        asAdmin().queryParam("limit", 1000).get(PATH).then().statusCode(200).body("limit", is(1000));
        asAdmin().queryParam("limit", 1).get(PATH).then().statusCode(200).body("testRuns", hasSize(1));
    }

    @Test
    void negativeOrNonNumericOffsetIs400NamingIt() {
        for (String bad : List.of("-1", "first")) {
            asAdmin().queryParam("offset", bad).get(PATH)
                    .then().statusCode(400)
                    .body("details[0].field", equalTo("offset"));
        }
    }

    @Test
    void overlongAgentFilterIs400() {
        asAdmin().queryParam("aiAgentId", "a".repeat(256)).get(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
    }

    @Test
    void updateAiAgentPermissionMayList() {
        given().header("Authorization", TestTokens.bearer(12, Roles.AGENT, Roles.UPDATE_AI_AGENT)).get(PATH)
                .then().statusCode(200).body("success", is(true));
    }

    @Test
    void openApiDocumentsTheList() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).body("paths", hasKey("/api/mind/aiQualityCheck/testRun"));
    }
}
