package mind.telephony.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import mind.telephony.events.AgentStreams;
import mind.telephony.outbox.OutboxDelivery;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;

/**
 * GET /telephony/events over real HTTP with a real SSE client: what the agent's browser is told when a call
 * is connected to it. Every delivery goes through PostgreSQL NOTIFY and this instance's listener.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class AgentEventStreamTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    OutboxDelivery outbox;

    @Inject
    AgentStreams streams;

    @Inject
    EntityManager em;

    @TestHTTPResource("/api/mind/telephony/events")
    URI events;

    long agent;
    long ticketId;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        // each test its own agent: tests share the database and the listener
        agent = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        CallStubs.settingsSvc(settingsSvc, 600);
        newTicket();
    }

    private void newTicket() {
        ticketId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        CallStubs.ticketSvc(ticketSvc, ticketId);
    }

    private SseClient stream(long userId, String... more) throws Exception {
        String[] headers = new String[2 + more.length];
        headers[0] = "Authorization";
        headers[1] = TestTokens.agent(userId);
        System.arraycopy(more, 0, headers, 2, more.length);
        return SseClient.open(events, headers);
    }

    /** The stream's first message: it is registered, and says where it stands. */
    private static SseClient.Message connected(SseClient client, long userId) throws InterruptedException {
        SseClient.Message first = client.nextMessage(WAIT);
        assertEquals("connected", first.type());
        assertEquals(userId, first.json().getLong("userId"));
        assertNotNull(first.id());
        return first;
    }

    private String call() {
        String channelId = "call_" + UUID.randomUUID();
        CallStubs.received(channelId, "").then().statusCode(200);
        return channelId;
    }

    private static void assertOpenTicket(SseClient.Message m, long ticketId, String channelId) {
        assertEquals("openTicket", m.type(), m.data());
        assertEquals(ticketId, m.json().getLong("ticketId"), m.data());
        assertEquals(channelId, m.json().getString("channelId"), m.data());
        assertNotNull(m.id());
    }

    @Test
    void agentConnectedTellsTheAgentsStreamToOpenTheTicket() throws Exception {
        try (SseClient client = stream(agent)) {
            assertTrue(client.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertEquals("no", client.response().headers().firstValue("X-Accel-Buffering").orElse(null), "proxies must not buffer");
            SseClient.Message hello = connected(client, agent);
            String channelId = call();
            CallStubs.connected(agent, channelId).then().statusCode(200);

            SseClient.Message open = client.nextMessage(WAIT);
            assertOpenTicket(open, ticketId, channelId);
            assertTrue(Long.parseLong(open.id()) > Long.parseLong(hello.id()), "ids grow");

            // a repeated agentConnected changes nothing and tells the browser nothing again
            CallStubs.connected(agent, channelId).then().statusCode(200);
            newTicket();
            String second = call();
            CallStubs.connected(agent, second).then().statusCode(200);
            SseClient.Message next = client.nextMessage(WAIT);
            assertOpenTicket(next, ticketId, second);
            assertTrue(Long.parseLong(next.id()) > Long.parseLong(open.id()), "ids grow");
        }
    }

    @Test
    void anotherAgentsStreamHearsNothing() throws Exception {
        long other = agent + 1;
        try (SseClient mine = stream(agent); SseClient theirs = stream(other)) {
            connected(mine, agent);
            connected(theirs, other);
            long myTicket = ticketId;
            String myCall = call();
            CallStubs.connected(agent, myCall).then().statusCode(200);
            assertOpenTicket(mine.nextMessage(WAIT), myTicket, myCall);

            // the other agent's first message is its own call's, not the one above
            newTicket();
            String theirCall = call();
            CallStubs.connected(other, theirCall).then().statusCode(200);
            assertOpenTicket(theirs.nextMessage(WAIT), ticketId, theirCall);
        }
    }

    @Test
    void reconnectingWithLastEventIdGetsWhatWasMissed() throws Exception {
        String lastSeen;
        try (SseClient client = stream(agent)) {
            lastSeen = connected(client, agent).id();
        }
        // while the browser is away, two calls are connected to the agent
        long firstTicket = ticketId;
        String first = call();
        CallStubs.connected(agent, first).then().statusCode(200);
        newTicket();
        String second = call();
        CallStubs.connected(agent, second).then().statusCode(200);

        String firstId;
        try (SseClient client = stream(agent, "Last-Event-ID", lastSeen)) {
            connected(client, agent);
            SseClient.Message m1 = client.nextMessage(WAIT);
            assertOpenTicket(m1, firstTicket, first);
            assertOpenTicket(client.nextMessage(WAIT), ticketId, second);
            firstId = m1.id();
        }
        // from the first of them on: only the second again
        try (SseClient client = stream(agent, "Last-Event-ID", firstId)) {
            connected(client, agent);
            assertOpenTicket(client.nextMessage(WAIT), ticketId, second);
        }
        // a new stream without Last-Event-ID starts now: the next message is a new call's, not an old one
        try (SseClient client = stream(agent)) {
            SseClient.Message hello = connected(client, agent);
            newTicket();
            String third = call();
            CallStubs.connected(agent, third).then().statusCode(200);
            SseClient.Message m = client.nextMessage(WAIT);
            assertOpenTicket(m, ticketId, third);
            assertTrue(Long.parseLong(m.id()) > Long.parseLong(hello.id()));
        }
    }

    @Test
    void callReceivedWithUserIdRedirectsAtOnce() throws Exception {
        try (SseClient client = stream(agent)) {
            connected(client, agent);
            String channelId = "call_" + UUID.randomUUID();
            CallStubs.received(channelId, ",\"routing\":\"external\",\"userId\":" + agent).then().statusCode(200);
            assertOpenTicket(client.nextMessage(WAIT), ticketId, channelId);
        }
    }

    @Test
    void theConnectSidCookieOpensTheStreamToo() throws Exception {
        try (SseClient client = SseClient.open(events, "Cookie", "connect.sid=" + TestTokens.token(agent, "agent"))) {
            connected(client, agent);
            String channelId = call();
            CallStubs.connected(agent, channelId).then().statusCode(200);
            assertOpenTicket(client.nextMessage(WAIT), ticketId, channelId);
        }
    }

    @Test
    void idleStreamsGetHeartbeats() throws Exception {
        try (SseClient client = stream(agent)) {
            connected(client, agent);
            // test profile: every second
            SseClient.Message beat = client.next(WAIT);
            assertTrue(beat.isComment(), "a comment, no message: " + beat);
            assertEquals("heartbeat", beat.comments().get(0));
        }
    }

    @Test
    void tooManyStreamsOfOneAgentCloseTheOldest() throws Exception {
        SseClient[] clients = new SseClient[6];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = stream(agent);
                connected(clients[i], agent);
            }
            SseClient.Message last = clients[0].nextMessage(WAIT);
            assertEquals("closed", last.type());
            assertEquals("replaced", last.json().getString("reason"));
            clients[0].awaitEnd(WAIT);
            // the other five still hear the agent's calls
            String channelId = call();
            CallStubs.connected(agent, channelId).then().statusCode(200);
            for (int i = 1; i < clients.length; i++) {
                assertOpenTicket(clients[i].nextMessage(WAIT), ticketId, channelId);
            }
        } finally {
            for (SseClient c : clients) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aCallWhoseTicketComesLaterRedirectsOnceTheTicketExists() throws Exception {
        // ticket-svc is down: the call is kept without ticket, its creation waits in the outbox
        ticketSvc.stubFor(WireMock.post(WireMock.urlPathEqualTo("/api/mind/ticket"))
                .willReturn(WireMock.aResponse().withStatus(503)));
        String channelId = "call_" + UUID.randomUUID();
        CallStubs.received(channelId, "").then().statusCode(200).body("ticketId", org.hamcrest.Matchers.nullValue());
        try (SseClient client = stream(agent)) {
            connected(client, agent);
            CallStubs.connected(agent, channelId).then().statusCode(200);
            // nothing to open yet; ticket-svc is back and the outbox makes the ticket
            CallStubs.ticketSvc(ticketSvc, ticketId);
            outbox.deliverDue();
            SseClient.Message m = client.nextMessage(WAIT);
            assertOpenTicket(m, ticketId, channelId);
        }
    }

    @Test
    void eventsOlderThanTheReplayWindowArePrunedAndNotReplayed() throws Exception {
        long old = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                insert into agent_event (user_id, type, payload, created_at)
                values (?1, 'openTicket', '{"type":"openTicket","ticketId":1,"channelId":"old"}', now() - interval '6 minutes')
                returning id""").setParameter(1, agent).getSingleResult()).longValue());
        long recent = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                insert into agent_event (user_id, type, payload)
                values (?1, 'openTicket', '{"type":"openTicket","ticketId":2,"channelId":"recent"}')
                returning id""").setParameter(1, agent).getSingleResult()).longValue());
        try (SseClient client = stream(agent, "Last-Event-ID", Long.toString(old - 1))) {
            connected(client, agent);
            SseClient.Message m = client.nextMessage(WAIT);
            assertEquals("recent", m.json().getString("channelId"), "outside the window: not replayed");
            assertEquals(Long.toString(recent), m.id());
        }
        streams.prune();
        long left = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from agent_event where id in (?1, ?2)").setParameter(1, old).setParameter(2, recent)
                .getSingleResult()).longValue());
        assertEquals(1, left, "the old event is gone, the recent one kept");
    }

    @Test
    void theStreamNeedsTheAgentsOwnToken() {
        given().accept("text/event-stream").get(events).then().statusCode(401).body("code", is("unauthorized"));
        given().accept("text/event-stream").header("Authorization", TestTokens.serviceWorker()).get(events)
                .then().statusCode(403);
        given().accept("text/event-stream").header("Authorization", TestTokens.agent(agent))
                .header("Last-Event-ID", "yesterday").get(events)
                .then().statusCode(400).body("details[0].field", is("Last-Event-ID"));
    }
}
