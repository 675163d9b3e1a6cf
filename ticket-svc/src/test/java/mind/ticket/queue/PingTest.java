package mind.ticket.queue;

import static io.restassured.RestAssured.given;
import static mind.ticket.queue.QueueTestSupport.earliest;
import static mind.ticket.queue.QueueTestSupport.profile;
import static mind.ticket.queue.QueueTestSupport.ticket;
import static mind.ticket.queue.QueueTestSupport.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.common.time.ApiTime;
import mind.ticket.service.QueueSettings;

/** GET /ticket/{id}/ping: presence with a TTL, workedOnBy as users, lease renewal. */
@QuarkusTest
@TestProfile(WorkQueueProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class PingTest {

    @Inject
    QueueSettings settings;

    @AfterEach
    void defaultSettings() {
        SettingsServiceStub.reset();
        settings.forget();
    }

    private static ValidatableResponse ping(long agent, long ticket) {
        return given().header("Authorization", TestTokens.agent(agent)).get("/api/mind/ticket/" + ticket + "/ping").then();
    }

    @Test
    void everyonePresentIsListedWithNamesUntilTheirPresenceRunsOut() {
        long ticket = ticket(Map.of("subject", "ping"));
        long max = uniqueId();
        long nameless = uniqueId();
        profile(max, "Max", "Mustermann", "AT_LEAST_ONE");
        String firstSeen = ApiTime.format(WorkQueueProfile.CLOCK.instant());
        ping(max, ticket).statusCode(200).body("success", is(true)).body("workedOnBy", hasSize(1))
                .body("workedOnBy[0].id", equalTo(max)).body("workedOnBy[0].firstName", equalTo("Max"))
                .body("workedOnBy[0].lastName", equalTo("Mustermann")).body("workedOnBy[0].email", equalTo("a" + max + "@mind.test"))
                .body("workedOnBy[0].lastSeen", equalTo(firstSeen));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(30));
        ping(nameless, ticket).statusCode(200).body("workedOnBy.id", contains(max, nameless))
                .body("workedOnBy[1].firstName", nullValue())
                .body("workedOnBy[1].lastSeen", equalTo(ApiTime.format(WorkQueueProfile.CLOCK.instant())));
        // max's presence (60 s) ends 60 s after their ping; nameless pinged 30 s later
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(30));
        ping(nameless, ticket).statusCode(200).body("workedOnBy.id", contains(nameless));
    }

    @Test
    void theTicketsGetListsWhoIsPresentAsPingDoes() {
        long ticket = ticket(Map.of("subject", "ping and get"));
        long max = uniqueId();
        long nameless = uniqueId();
        long reader = uniqueId();
        profile(max, "Max", "Mustermann", "AT_LEAST_ONE");
        get(reader, ticket).body("workedOnBy", hasSize(0));
        ping(max, ticket).statusCode(200);
        settings.forget(); // the GET asks settings-svc for the name itself (off the event loop)
        get(reader, ticket).body("workedOnBy", hasSize(1)).body("workedOnBy[0].id", equalTo(max))
                .body("workedOnBy[0].firstName", equalTo("Max"))
                .body("workedOnBy[0].lastSeen", equalTo(ApiTime.format(WorkQueueProfile.CLOCK.instant())));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(30));
        List<Map<String, Object>> pinged = ping(nameless, ticket).statusCode(200).extract().path("workedOnBy");
        assertEquals(pinged, get(reader, ticket).extract().path("workedOnBy"), "GET lists whom ping lists, in its order");
        assertEquals(2, pinged.size());
        // max's presence (60 s) ends 60 s after their ping, nameless's 30 s later
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(30));
        get(reader, ticket).body("workedOnBy.id", contains(nameless));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(30));
        get(reader, ticket).body("workedOnBy", hasSize(0));
    }

    private static ValidatableResponse get(long agent, long ticket) {
        return given().header("Authorization", TestTokens.agent(agent)).get("/api/mind/ticket/" + ticket).then()
                .statusCode(200).body("id", equalTo((int) ticket));
    }

    @Test
    void unreachableSettingsLeaveOnlyIdsAndUnknownTicketsAre404() {
        long ticket = ticket(Map.of("subject", "ping"));
        long agent = uniqueId();
        SettingsServiceStub.server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/mind/profile/" + agent)).atPriority(1)
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ping(agent, ticket).statusCode(200).body("workedOnBy.id", contains(agent)).body("workedOnBy[0].firstName", nullValue());
        ping(agent, 987654321L).statusCode(404).body("code", equalTo("not_found"));
        given().header("Authorization", TestTokens.serviceWorker()).get("/api/mind/ticket/" + ticket + "/ping").then().statusCode(403);
    }

    @Test
    void aPingRenewsTheCallersLease() {
        long tag = uniqueId();
        long holder = uniqueId();
        long other = uniqueId();
        profile(holder, "AT_LEAST_ONE", tag);
        profile(other, "AT_LEAST_ONE", tag);
        long ticket = ticket(Map.of("tags", List.of(tag)));
        assertEquals(ticket, earliest(holder));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(200));
        ping(holder, ticket).statusCode(200);
        // a ping of someone else renews nothing
        ping(other, ticket).statusCode(200);
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(200));
        assertNull(earliest(other), "the lease runs 300 s from the ping, not from the claim");
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(100));
        assertEquals(ticket, earliest(other), "without another ping the lease ends");
    }
}
