package mind.ticket.queue;

import static io.restassured.RestAssured.given;
import static mind.ticket.queue.QueueTestSupport.GET_LATEST;
import static mind.ticket.queue.QueueTestSupport.earliest;
import static mind.ticket.queue.QueueTestSupport.getLatest;
import static mind.ticket.queue.QueueTestSupport.latest;
import static mind.ticket.queue.QueueTestSupport.profile;
import static mind.ticket.queue.QueueTestSupport.ticket;
import static mind.ticket.queue.QueueTestSupport.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.api.GetLatestRequest.QueueDirection;
import mind.ticket.domain.RoutingOrder;
import mind.ticket.domain.Skills;
import mind.ticket.service.Claims;
import mind.ticket.service.QueueSettings;

/**
 * mind_claims_granted_total{direction} at /q/metrics: one per new claim getLatest commits, none for the held ticket
 * handed back, an answer without a ticket, a refused request, an Idempotency-Key replay or a rolled-back claim.
 * Other tests claim in the same JVM: each test compares the counter before and after its own requests.
 */
@QuarkusTest
@TestProfile(WorkQueueProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class ClaimMetricsTest {

    @Inject
    QueueSettings settings;

    @Inject
    Claims claims;

    @AfterEach
    void defaultSettings() {
        SettingsServiceStub.reset();
        settings.forget();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double granted(String metrics, String direction) {
        Matcher m = Pattern.compile("^mind_claims_granted_total\\{[^}]*direction=\"" + direction + "\"[^}]*} ([0-9.E]+)$",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void assertGrew(String before, String after, double earliest, double next, double previous) {
        assertEquals(earliest, granted(after, "earliest") - granted(before, "earliest"), 0.0001, "earliest");
        assertEquals(next, granted(after, "next") - granted(before, "next"), 0.0001, "next");
        assertEquals(previous, granted(after, "previous") - granted(before, "previous"), 0.0001, "previous");
    }

    @Test
    void countsEachNewClaimOnceByDirection() {
        long tag = uniqueId();
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        long first = ticket(Map.of("tags", List.of(tag), "priority", "high"));
        long second = ticket(Map.of("tags", List.of(tag), "priority", "low"));
        String before = metrics();

        assertEquals(first, earliest(agent));
        assertEquals(first, earliest(agent), "the held ticket is handed back: no new claim");
        String next = "{\"preferredDirection\":\"next\",\"ticketId\":" + first + "}";
        for (int i = 0; i < 2; i++) {
            Number id = given().header("Authorization", TestTokens.agent(agent)).header("Idempotency-Key", "claims-" + agent)
                    .contentType(ContentType.JSON).body(next).post(GET_LATEST)
                    .then().statusCode(200).extract().path("ticketId");
            assertEquals(second, id.longValue(), i == 0 ? "claimed" : "the replay answers the same claim");
        }
        assertEquals(first, latest(agent, "previous", second, null));
        assertNull(latest(agent, "next", second, null), "nothing after the last: no claim");
        getLatest(agent, "{\"preferredDirection\":\"next\",\"ticketId\":999999999999}").then().statusCode(404);
        getLatest(agent, "{\"preferredDirection\":\"next\"}").then().statusCode(400);

        assertGrew(before, metrics(), 1, 1, 1);
    }

    @Test
    void countsAClaimWhenItCommitsNotWhenItRollsBack() {
        long tag = uniqueId();
        String agent = Long.toString(uniqueId());
        ticket(Map.of("tags", List.of(tag)));
        Skills skills = new Skills(List.of(tag), Skills.Match.ALL);
        String before = metrics();

        QuarkusTransaction.begin();
        try {
            assertNotNull(claim(agent, skills).ticketId(), "claimed inside the transaction");
        } finally {
            QuarkusTransaction.rollback();
        }
        assertGrew(before, metrics(), 0, 0, 0);

        assertNotNull(claim(agent, skills).ticketId(), "claimed again, in a transaction of its own that commits");
        assertGrew(before, metrics(), 1, 0, 0);
    }

    private Claims.Claim claim(String agent, Skills skills) {
        return claims.next(agent, QueueDirection.earliest, null, skills, List.of(), RoutingOrder.slaDue, 300);
    }

    @Test
    void metricHasItsDescription() {
        long tag = uniqueId();
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        ticket(Map.of("tags", List.of(tag)));
        earliest(agent);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# HELP mind_claims_granted Tickets claimed by getLatest"));
    }
}
