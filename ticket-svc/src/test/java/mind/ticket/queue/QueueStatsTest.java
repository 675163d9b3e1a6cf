package mind.ticket.queue;

import static io.restassured.RestAssured.given;
import static mind.ticket.queue.QueueTestSupport.close;
import static mind.ticket.queue.QueueTestSupport.earliest;
import static mind.ticket.queue.QueueTestSupport.profile;
import static mind.ticket.queue.QueueTestSupport.ticket;
import static mind.ticket.queue.QueueTestSupport.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.service.QueueSettings;

/** GET /ticket/stats and GET /agents/queue. */
@QuarkusTest
@TestProfile(WorkQueueProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class QueueStatsTest {

    @Inject
    AgroalDataSource db;

    @Inject
    QueueSettings settings;

    @AfterEach
    void defaultSettings() {
        SettingsServiceStub.reset();
        settings.forget();
    }

    private static JsonPath stats() {
        return given().header("Authorization", TestTokens.serviceWorker()).get("/api/mind/ticket/stats").then().statusCode(200)
                .body("success", is(true)).body("intents", hasSize(0)).extract().jsonPath();
    }

    private static long count(JsonPath json, String path) {
        Number n = json.get(path);
        return n == null ? 0 : n.longValue();
    }

    @Test
    void statsCountUnfinishedTicketsByStatusChannelPriorityTagAndAgent() {
        long tag = uniqueId();
        long assignee = uniqueId();
        JsonPath before = stats();
        ticket(Map.of("tags", List.of(tag), "channel", "letter", "priority", "high"));
        ticket(Map.of("tags", List.of(tag), "channel", "letter", "agentId", assignee));
        ticket(Map.of("tags", List.of(tag), "channel", "letter", "status", "pending", "dueBy", "2099-01-01 00:00:00"));
        ticket(Map.of("tags", List.of(tag), "channel", "letter", "status", "closed"));
        JsonPath after = stats();
        assertEquals(3, count(after, "total") - count(before, "total"));
        assertEquals(3, count(after, "byChannel.letter") - count(before, "byChannel.letter"));
        assertEquals(2, count(after, "byStatus.open") - count(before, "byStatus.open"));
        assertEquals(1, count(after, "byStatus.pending") - count(before, "byStatus.pending"));
        assertEquals(1, count(after, "byPriority.high") - count(before, "byPriority.high"));
        assertEquals(2, count(after, "byPriority.low") - count(before, "byPriority.low"));
        assertEquals(List.of(3), after.getList("tags.findAll { it.tagId == " + tag + "L }.count"));
        assertEquals(List.of(1), after.getList("agents.findAll { it.agentId == " + assignee + "L }.count"));

        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        earliest(agent);
        assertEquals(1, count(stats(), "claimed") - count(after, "claimed"));
    }

    @Test
    void agentQueueDividesWaitingTicketsByActiveAgentsAndHandlingTime() {
        // every earlier lease and presence has run out
        WorkQueueProfile.CLOCK.advance(Duration.ofDays(1));
        long tag = uniqueId();
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        long first = ticket(Map.of("tags", List.of(tag), "channel", "portal", "priority", "urgent"));
        ticket(Map.of("tags", List.of(tag), "channel", "portal"));
        ticket(Map.of("tags", List.of(tag), "channel", "portal"));

        queue(agent).body("agentQueue", equalTo(-1f)).body("activeAgents", equalTo(0)).body("waiting.portal", equalTo(3))
                .body("expectedWaitingTime.portal", equalTo(-1)).body("liveConversationPossible.chat", is(false))
                .body("success", is(true));

        assertEquals(first, earliest(agent));
        // no recent portal closes yet: the configured 300 s per ticket
        queue(agent).body("agentQueue", equalTo(2.0f)).body("activeAgents", equalTo(1)).body("waiting.portal", equalTo(2))
                .body("expectedWaitingTime.portal", equalTo(600)).body("expectedWaitingTime.email", equalTo(0))
                .body("liveConversationPossible.chat", is(true)).body("liveConversationPossible.phone", is(true));

        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(120));
        assertEquals(1, close(db, first));
        // the agent is still around (present on a ticket); the portal close took 120 s
        given().header("Authorization", TestTokens.agent(agent)).get("/api/mind/ticket/" + first + "/ping").then().statusCode(200);
        queue(agent).body("activeAgents", equalTo(1)).body("waiting.portal", equalTo(2))
                .body("expectedWaitingTime.portal", equalTo(240));
        // skills: another agent's queue does not hold these tickets
        long stranger = uniqueId();
        profile(stranger, "AT_LEAST_ONE", uniqueId());
        queue(stranger).body("waiting.portal", equalTo(0));
    }

    private static io.restassured.response.ValidatableResponse queue(long agent) {
        return given().header("Authorization", TestTokens.agent(agent)).get("/api/mind/agents/queue").then().statusCode(200);
    }
}
