package mind.ticket.hooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.common.time.ApiTime;
import mind.common.testing.EventHookStub;
import mind.common.testing.EventHookStub.InjectEventHooks;
import mind.ticket.repository.HookRelayRepository;
import mind.ticket.repository.HookRelayRepository.Batch;
import mind.ticket.repository.TicketOverdueRepository;
import mind.ticket.service.DueByOverdueScan;

/**
 * The relay of ticket events to settings-svc's event hooks, against a real PostgreSQL and settings-svc stubbed: each
 * test first lets the relay pass over what earlier tests wrote (no hooks), then stubs the hooks it needs and relays
 * by hand ({@link HookRelay#relay()}; the schedule is off in tests).
 */
@QuarkusTest
@TestProfile(HookRelayTest.OwnToken.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(EventHookStub.class)
class HookRelayTest {

    /** The service's own token, one no caller has: every call to settings-svc must carry it. */
    public static class OwnToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mind.ticket.service-token", SERVICE_TOKEN);
        }
    }

    static final String SERVICE_TOKEN = "hook-relay-service-token";

    private static final String HOOKS = "/api/mind/settings/event-hook";
    private static final String EVENTS = "/api/mind/settings/event-hook/events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectEventHooks
    WireMockServer settings;

    @Inject
    HookRelay relay;

    @Inject
    HookRelayRepository cursor;

    @Inject
    DueByOverdueScan overdue;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void passOverEarlierEvents() {
        // what earlier tests left overdue is told now, and passed over with their events
        for (int round = 0; round < 20 && !overdue.scan().isEmpty(); round++) {
            // next batch; bounded, so that a scan telling the same tickets again fails the tests instead of hanging
        }
        settings.resetAll();
        hooksOn();
        relay.forgetListenedTypes();
        relay.relay();
        settings.resetAll();
        relay.forgetListenedTypes();
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\":true,\"accepted\":1,\"runs\":1}")));
    }

    @Test
    void aChangeReachesTheHookOnceWithTheServiceToken() throws Exception {
        hooksOn("TicketUpdated");
        long ticket = createTicket();
        patch(ticket, "{\"priority\":\"high\"}");
        long eventId = eventId(ticket, "fieldChanged");
        long before = horizon();

        HookRelay.Relayed relayed = relay.relay();

        assertEquals(1, relayed.sent(), "the priority change; the creation has no hook");
        List<LoggedRequest> posts = settings.findAll(postRequestedFor(urlEqualTo(EVENTS)));
        assertEquals(1, posts.size());
        LoggedRequest sent = posts.get(0);
        assertEquals("Bearer " + SERVICE_TOKEN, sent.getHeader("Authorization"));
        assertTrue(sent.getHeader("Idempotency-Key").matches("ticket-hooks-" + eventId + "-" + eventId + "-[0-9a-f]+"),
                sent.getHeader("Idempotency-Key"));
        JsonNode events = JSON.readTree(sent.getBodyAsString()).get("events");
        assertEquals(1, events.size());
        JsonNode event = events.get(0);
        assertEquals("TicketUpdated", event.get("type").asText());
        assertEquals("ticket-event-" + eventId, event.get("key").asText());
        assertTrue(event.get("occurredAt").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"),
                event.get("occurredAt").asText());
        assertEquals(ticket, event.at("/data/ticketId").asLong());
        assertEquals(eventId, event.at("/data/eventId").asLong());
        assertEquals("fieldChanged", event.at("/data/ticketEvent").asText());
        assertEquals("7", event.at("/data/actorId").asText());
        assertEquals("priority", event.at("/data/details/field").asText());
        assertEquals("high", event.at("/data/details/new").asText());
        settings.verify(1, getRequestedFor(urlEqualTo(HOOKS)).withHeader("Authorization",
                equalTo("Bearer " + SERVICE_TOKEN)));
        assertTrue(horizon() > before, "the horizon moved");
        assertTrue(horizon() > tx(eventId), "past the event's transaction");

        assertEquals(HookRelay.Relayed.NOTHING, relay.relay());
        assertEquals(1, settings.findAll(postRequestedFor(urlEqualTo(EVENTS))).size(), "nothing is sent twice");
        assertEquals(1, settings.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(HOOKS)).count(),
                "no new events: settings-svc is not asked at all");
    }

    @Test
    void eventsSettingsSvcDidNotTakeAreSentAgainWithTheSameKeys() throws Exception {
        hooksOn("TicketUpdated", "TicketCreated");
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(503)));
        long ticket = createTicket();
        patch(ticket, "{\"priority\":\"high\"}");
        long before = horizon();

        assertEquals(0, relay.relay().sent());
        List<LoggedRequest> failed = settings.findAll(postRequestedFor(urlEqualTo(EVENTS)));
        assertFalse(failed.isEmpty());
        assertEquals(before, horizon(), "the horizon stays");
        Set<String> keys = Set.of("ticket-event-" + eventId(ticket, "created"), "ticket-event-" + eventId(ticket, "fieldChanged"));
        assertEquals(keys, keys(failed));

        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\":true,\"accepted\":2,\"runs\":2}")));
        assertEquals(2, relay.relay().sent());
        List<LoggedRequest> all = settings.findAll(postRequestedFor(urlEqualTo(EVENTS)));
        assertEquals(failed.size() + 1, all.size());
        LoggedRequest taken = all.get(all.size() - 1);
        assertEquals(keys, keys(List.of(taken)), "the same events under the same keys");
        assertEquals(failed.get(0).getHeader("Idempotency-Key"), taken.getHeader("Idempotency-Key"));
        assertTrue(horizon() > before);
    }

    /** A refused token is not the events' fault: they wait for a token settings-svc takes, and are not passed over. */
    @Test
    void eventsWaitWhileSettingsSvcRefusesTheToken() throws Exception {
        hooksOn("TicketUpdated");
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Forbidden\",\"code\":\"forbidden\",\"details\":[]}")));
        long ticket = createTicket();
        patch(ticket, "{\"priority\":\"high\"}");
        long before = horizon();

        assertEquals(0, relay.relay().sent());
        assertEquals(before, horizon());
        settings.verify(1, postRequestedFor(urlEqualTo(EVENTS)));

        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\":true,\"accepted\":1,\"runs\":1}")));
        assertEquals(1, relay.relay().sent());
        assertEquals(List.of("ticket-event-" + eventId(ticket, "fieldChanged")), sentKeys().subList(1, 2));
        assertTrue(horizon() > before);
    }

    @Test
    void withoutAHookNothingIsSentAndTheHorizonMovesOn() throws Exception {
        hooksOn("ProfileCreated");
        long ticket = createTicket();
        patch(ticket, "{\"priority\":\"high\"}");
        long tx = tx(eventId(ticket, "fieldChanged"));
        long before = horizon();

        assertEquals(HookRelay.Relayed.NOTHING, relay.relay());

        settings.verify(0, postRequestedFor(urlEqualTo(EVENTS)));
        settings.verify(1, getRequestedFor(urlEqualTo(HOOKS)));
        assertTrue(horizon() > before);
        assertTrue(horizon() > tx, "past the change: a hook added later does not get it");
    }

    /**
     * The event of a transaction that drew its id first and commits last is relayed all the same: a cursor on the
     * row id would have passed it when the later one was relayed.
     */
    @Test
    void anEventWhoseTransactionCommitsLateIsNotPassedOver() throws Exception {
        hooksOn("TicketUpdated");
        long early = createTicket();
        long late = createTicket();
        long earlyEvent;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into ticket_event (ticket_id, type, actor_id, data, "
                    + "created_at) values (?, 'fieldChanged', '7', '{\"field\":\"priority\",\"old\":\"low\",\"new\":\"high\"}', "
                    + "now()) returning id")) {
                insert.setLong(1, early);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    earlyEvent = rs.getLong(1);
                }
            }
            // a later change commits while the first transaction is still open
            patch(late, "{\"priority\":\"medium\"}");
            long lateEvent = eventId(late, "fieldChanged");
            assertTrue(lateEvent > earlyEvent, "the late change has the higher id");
            relay.relay();
            assertFalse(sentKeys().contains("ticket-event-" + earlyEvent), "not committed yet, so not sent");

            c.commit();
        }
        relay.relay();

        List<String> sent = new ArrayList<>(sentKeys());
        assertTrue(sent.contains("ticket-event-" + earlyEvent), "the late-committing event is relayed: " + sent);
        assertTrue(sent.contains("ticket-event-" + eventId(late, "fieldChanged")), sent.toString());
        assertEquals(sent.size(), new HashSet<>(sent).size(), "each once: " + sent);
    }

    /** Two replicas at once: one relays, the other finds the cursor leased; every event goes once, 100 per call. */
    @Test
    void twoRelaysAtOnceSendEachEventOnce() throws Exception {
        hooksOn("TicketUpdated");
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(200).withFixedDelay(300)
                .withHeader("Content-Type", "application/json").withBody("{\"success\":true,\"accepted\":100,\"runs\":0}")));
        long ticket = createTicket();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // a transaction each: one transaction's changes of a ticket would be one event
            ids.addAll(insertChange(ticket, "{\"field\":\"priority\",\"n\":" + i + "}"));
        }

        List<HookRelay.Relayed> results = Concurrently.run(2, relay::relay);

        assertEquals(150, results.get(0).sent() + results.get(1).sent(), results.toString());
        List<LoggedRequest> posts = settings.findAll(postRequestedFor(urlEqualTo(EVENTS)));
        assertEquals(2, posts.size(), "two calls of at most 100 events, by one relay");
        List<String> keys = new ArrayList<>();
        for (LoggedRequest p : posts) {
            JSON.readTree(p.getBodyAsString()).get("events").forEach(e -> keys.add(e.get("key").asText()));
        }
        assertEquals(ids.stream().map(id -> "ticket-event-" + id).toList(), keys, "all, once, in order");
        assertEquals(HookRelay.Relayed.NOTHING, relay.relay());
    }

    /**
     * The changes of one ticket in one transaction (a PATCH of several fields) are one TicketUpdated event, keyed by the
     * first; another ticket's changes in the same transaction are an event of their own.
     */
    @Test
    void oneTransactionsChangesOfATicketAreOneUpdate() throws Exception {
        hooksOn("TicketUpdated");
        long ticket = createTicket();
        long other = createTicket();
        patch(ticket, "{\"priority\":\"high\",\"customerId\":\"C-1\"}");
        List<Long> changes = insertChanges(other, 3);

        assertEquals(2, relay.relay().sent());

        List<JsonNode> events = new ArrayList<>();
        settings.findAll(postRequestedFor(urlEqualTo(EVENTS))).forEach(p -> {
            try {
                JSON.readTree(p.getBodyAsString()).get("events").forEach(events::add);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(2, events.size(), events.toString());
        JsonNode patched = events.stream().filter(e -> e.at("/data/ticketId").asLong() == ticket).findFirst().orElseThrow();
        assertEquals("TicketUpdated", patched.get("type").asText());
        assertEquals(2, patched.at("/data/changes").size(), patched.toString());
        Set<String> fields = new java.util.TreeSet<>();
        patched.at("/data/changes").forEach(c -> fields.add(c.at("/details/field").asText()));
        assertEquals(Set.of("priority", "customerId"), fields);
        assertEquals("ticket-event-" + patched.at("/data/changes/0/eventId").asLong(), patched.get("key").asText(),
                "keyed by the first change");
        JsonNode inserted = events.stream().filter(e -> e.at("/data/ticketId").asLong() == other).findFirst().orElseThrow();
        assertEquals("ticket-event-" + changes.get(0), inserted.get("key").asText());
        assertEquals(3, inserted.at("/data/changes").size());
        assertEquals(changes.get(2).longValue(), inserted.at("/data/changes/2/eventId").asLong());
    }

    /** A batch cut at its size ends after a whole transaction, however large: none is split, none stalls the relay. */
    @Test
    void aCutBatchTakesItsLastTransactionWhole() throws Exception {
        long ticket = createTicket();
        // every transaction before this point has ended (the ticket's creation among them)
        long start = queryLong("select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)");
        List<Long> first = insertChanges(ticket, 3);
        List<Long> second = insertChanges(ticket, 2);
        List<Long> third = insertChanges(ticket, 1);

        Batch a = QuarkusTransaction.requiringNew().call(() -> cursor.read(start, 2));
        assertEquals(first, ids(a), "the first transaction whole, though larger than the batch");
        assertTrue(a.cut());
        assertEquals(tx(first.get(0)) + 1, a.nextHorizon());
        Batch b = QuarkusTransaction.requiringNew().call(() -> cursor.read(a.nextHorizon(), 2));
        assertEquals(second, ids(b));
        Batch c = QuarkusTransaction.requiringNew().call(() -> cursor.read(b.nextHorizon(), 2));
        assertEquals(third, ids(c));
        assertFalse(c.cut());
        assertTrue(c.nextHorizon() > tx(third.get(0)));
    }

    @Test
    void detailsTooLargeAreLeftOutAndARejectedCallIsPassedOver() throws Exception {
        hooksOn("TicketUpdated");
        settings.stubFor(post(urlEqualTo(EVENTS)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"no\",\"code\":\"validation_failed\",\"details\":[]}")));
        long ticket = createTicket();
        insertChange(ticket, "{\"field\":\"additionalData.note\",\"new\":\"" + "x".repeat(20_000) + "\"}");
        long before = horizon();

        assertEquals(0, relay.relay().sent());

        List<LoggedRequest> posts = settings.findAll(postRequestedFor(urlEqualTo(EVENTS)));
        assertEquals(1, posts.size(), "a rejection is not retried");
        JsonNode data = JSON.readTree(posts.get(0).getBodyAsString()).at("/events/0/data");
        assertTrue(data.at("/details/truncated").asBoolean(), data.toString());
        assertTrue(posts.get(0).getBody().length < 16 * 1024);
        assertTrue(horizon() > before, "passed over, not sent for ever");
        assertEquals(HookRelay.Relayed.NOTHING, relay.relay());
        assertEquals(1, settings.findAll(postRequestedFor(urlEqualTo(EVENTS))).size());
    }

    /**
     * A deleted ticket's events go with it, but its deletion does not: TicketDeleted is relayed once, with what
     * identifies the ticket and who deleted it, and the ticket stays gone (GET and activity 404).
     */
    @Test
    void aDeletionReachesTheHookOnceWithWhatIdentifiesTheTicket() throws Exception {
        hooksOn("TicketDeleted", "TicketUpdated");
        String external = "del-" + System.nanoTime();
        long ticket = ((Number) given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"externalTicketId\":\"" + external + "\",\"subject\":\"Meter reading\","
                        + "\"body\":\"secret body\",\"customerId\":\"C-42\"}")
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id")).longValue();
        patch(ticket, "{\"priority\":\"high\"}");
        given().header("Authorization", TestTokens.admin()).delete("/api/mind/ticket/" + ticket).then().statusCode(200);
        long deleted = queryLong("select id from ticket_event where ticket_id is null and type = 'deleted' "
                + "and data ->> 'ticketId' = '" + ticket + "'");
        assertEquals(0, queryLong("select count(*) from ticket_event where ticket_id = " + ticket), "the ticket's own events went with it");

        HookRelay.Relayed relayed = relay.relay();

        assertEquals(1, relayed.sent(), "the deletion; the priority change went with the ticket");
        List<LoggedRequest> posts = settings.findAll(postRequestedFor(urlEqualTo(EVENTS)));
        assertEquals(1, posts.size());
        JsonNode events = JSON.readTree(posts.get(0).getBodyAsString()).get("events");
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.get(0);
        assertEquals("TicketDeleted", event.get("type").asText());
        assertEquals("ticket-event-" + deleted, event.get("key").asText());
        assertEquals(ticket, event.at("/data/ticketId").asLong());
        assertEquals("deleted", event.at("/data/ticketEvent").asText());
        assertEquals("1", event.at("/data/actorId").asText());
        JsonNode details = event.at("/data/details");
        assertEquals(ticket, details.get("ticketId").asLong());
        assertEquals(external, details.get("externalTicketId").asText());
        assertEquals("email", details.get("channel").asText());
        assertEquals("open", details.get("status").asText());
        assertEquals("high", details.get("priority").asText());
        assertEquals("C-42", details.get("customerId").asText());
        assertEquals("Meter reading", details.get("subject").asText());
        assertFalse(posts.get(0).getBodyAsString().contains("secret body"), "no bodies");

        assertEquals(HookRelay.Relayed.NOTHING, relay.relay());
        assertEquals(1, settings.findAll(postRequestedFor(urlEqualTo(EVENTS))).size(), "sent once");
        given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/" + ticket).then().statusCode(404);
        given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/" + ticket + "/activity").then().statusCode(404);
    }

    /** A deletion refused (not an admin, another version) writes no deletion, and the relay sends nothing. */
    @Test
    void aRefusedDeletionSendsNothing() throws Exception {
        hooksOn("TicketDeleted");
        long ticket = createTicket();
        given().header("Authorization", TestTokens.agent(7)).delete("/api/mind/ticket/" + ticket).then().statusCode(403);
        given().header("Authorization", TestTokens.admin()).header("If-Match", "\"999\"")
                .delete("/api/mind/ticket/" + ticket).then().statusCode(412);

        assertEquals(0, relay.relay().sent());

        settings.verify(0, postRequestedFor(urlEqualTo(EVENTS)));
        assertEquals(0, queryLong("select count(*) from ticket_event where type = 'deleted' and data ->> 'ticketId' = '"
                + ticket + "'"));
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + ticket).then().statusCode(200);
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + ticket + "/activity").then()
                .statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1));
    }

    /**
     * A ticket that passed its dueBy is told once (dueByOverdue in its activity, TicketDueByOverdue to the hooks), and
     * again only when a new dueBy passes.
     */
    @Test
    void aPassedDueByIsToldOncePerValue() throws Exception {
        hooksOn("TicketDueByOverdue");
        long ticket = createTicket();
        patch(ticket, "{\"dueBy\":\"2020-01-02 10:00:00\",\"priority\":\"high\",\"agentId\":7}");

        assertTrue(overdue.scan().contains(ticket));
        assertFalse(overdue.scan().contains(ticket), "told once");
        assertEquals(1, overdueEvents(ticket));
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + ticket + "/activity").then()
                .statusCode(200).body("activity.type", org.hamcrest.Matchers.hasItem("dueByOverdue"));

        assertEquals(1, relay.relay().sent());
        List<LoggedRequest> posts = settings.findAll(postRequestedFor(urlEqualTo(EVENTS)));
        assertEquals(1, posts.size());
        JsonNode event = JSON.readTree(posts.get(0).getBodyAsString()).at("/events/0");
        assertEquals("TicketDueByOverdue", event.get("type").asText());
        assertEquals("ticket-event-" + eventId(ticket, "dueByOverdue"), event.get("key").asText());
        assertEquals(ticket, event.at("/data/ticketId").asLong());
        assertEquals("dueByOverdue", event.at("/data/ticketEvent").asText());
        assertTrue(event.at("/data/actorId").isNull(), "the system");
        assertEquals("2020-01-02 10:00:00", event.at("/data/details/dueBy").asText());
        assertEquals("open", event.at("/data/details/status").asText());
        assertEquals(7, event.at("/data/details/agentId").asLong());
        assertEquals("high", event.at("/data/details/priority").asText());
        assertEquals(HookRelay.Relayed.NOTHING, relay.relay());

        // moved into the future: nothing until it passes, then told again for the new value
        String later = ApiTime.format(java.time.Instant.now().plusSeconds(2));
        patch(ticket, "{\"dueBy\":\"" + later + "\"}");
        assertFalse(overdue.scan().contains(ticket), "not due yet");
        assertEquals(1, overdueEvents(ticket));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(250)).until(() -> overdue.scan().contains(ticket));
        assertEquals(2, overdueEvents(ticket));
        assertFalse(overdue.scan().contains(ticket));
        assertEquals(1, relay.relay().sent());
        JsonNode again = JSON.readTree(settings.findAll(postRequestedFor(urlEqualTo(EVENTS))).get(1).getBodyAsString())
                .at("/events/0");
        assertEquals(later, again.at("/data/details/dueBy").asText());
        assertEquals(2, overdueEvents(ticket), "told twice in all, once per dueBy");
    }

    /** Closed and resolved tickets have nothing due: never told, however long their dueBy has passed. */
    @Test
    void aClosedOrResolvedTicketIsNeverTold() throws Exception {
        long closed = createTicket();
        patch(closed, "{\"dueBy\":\"2020-01-02 10:00:00\",\"status\":\"closed\"}");
        long resolved = createTicket();
        patch(resolved, "{\"dueBy\":\"2020-01-02 10:00:00\",\"status\":\"resolved\"}");
        long waiting = createTicket();
        patch(waiting, "{\"dueBy\":\"2020-01-02 10:00:00\",\"status\":\"waitingOnCustomer\"}");

        List<Long> told = overdue.scan();

        assertFalse(told.contains(closed), told.toString());
        assertFalse(told.contains(resolved), told.toString());
        assertTrue(told.contains(waiting), "not done yet: " + told);
        assertEquals(0, overdueEvents(closed));
        assertEquals(0, overdueEvents(resolved));
        // told, then closed with a new dueBy that passed: nothing more
        patch(waiting, "{\"dueBy\":\"2020-01-03 10:00:00\",\"status\":\"closed\"}");
        assertFalse(overdue.scan().contains(waiting));
        assertEquals(1, overdueEvents(waiting));
    }

    /** Two replicas scanning at once: every overdue ticket is told by one of them, once. */
    @Test
    void twoScansAtOnceTellEachTicketOnce() throws Exception {
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tickets.add(createTicket());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement due = c.prepareStatement("update ticket set due_by = now() - interval '1 hour' "
                        + "where id = any(?)")) {
            due.setArray(1, c.createArrayOf("bigint", tickets.toArray()));
            assertEquals(40, due.executeUpdate());
        }

        List<List<Long>> results = Concurrently.run(2, overdue::scan);

        List<Long> told = new ArrayList<>(results.get(0));
        told.addAll(results.get(1));
        assertEquals(40, told.size(), results.toString());
        assertEquals(new HashSet<>(tickets), new HashSet<>(told));
        assertEquals(40, queryLong("select count(*) from ticket_event where type = 'dueByOverdue' and ticket_id in ("
                + tickets.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")"));
        assertEquals(List.of(), overdue.scan());
    }

    /** A scan reads only the candidates' index (V12), not the table: its cost does not grow with the closed tickets. */
    @Test
    void theScanReadsItsIndex() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("set local enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = c.createStatement().executeQuery("explain "
                    + TicketOverdueRepository.CANDIDATES.replace("?1", "200"))) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
            assertTrue(plan.toString().contains("ticket_due_by_overdue"), plan.toString());
        }
    }

    private long overdueEvents(long ticket) throws SQLException {
        return queryLong("select count(*) from ticket_event where ticket_id = " + ticket + " and type = 'dueByOverdue'");
    }

    private void hooksOn(String... types) {
        String hooks = Arrays.stream(types).map(t -> "{\"id\":1,\"name\":\"" + t + "\",\"event\":\"" + t
                + "\",\"description\":\"d\",\"handler\":\"h\",\"handlerId\":1}").collect(Collectors.joining(","));
        settings.stubFor(get(urlEqualTo(HOOKS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"eventHooks\":[" + hooks + "]}")));
    }

    private static long createTicket() {
        return ((Number) given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\"}").post("/api/mind/ticket").then().statusCode(200).extract().path("id"))
                .longValue();
    }

    private static void patch(long ticket, String body) {
        given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(body)
                .patch("/api/mind/ticket/" + ticket).then().statusCode(200);
    }

    /** {@code n} field changes of the ticket written in one transaction; their ids in order. */
    private List<Long> insertChanges(long ticket, int n) throws SQLException {
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            data[i] = "{\"field\":\"priority\",\"n\":" + i + "}";
        }
        return insertChange(ticket, data);
    }

    /** Field changes of the ticket with this data, written in one transaction; their ids in order. */
    private List<Long> insertChange(long ticket, String... data) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into ticket_event (ticket_id, type, actor_id, data, "
                    + "created_at) values (?, 'fieldChanged', '7', cast(? as jsonb), now()) returning id")) {
                for (String d : data) {
                    insert.setLong(1, ticket);
                    insert.setString(2, d);
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        ids.add(rs.getLong(1));
                    }
                }
            }
            c.commit();
        }
        return ids;
    }

    private long eventId(long ticket, String type) throws SQLException {
        return queryLong("select max(id) from ticket_event where ticket_id = " + ticket + " and type = '" + type + "'");
    }

    private long tx(long eventId) throws SQLException {
        return queryLong("select cast(tx as text) from ticket_event where id = " + eventId);
    }

    private long horizon() throws SQLException {
        return queryLong("select cast(horizon as text) from hook_relay where name = 'ticket-events'");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return Long.parseLong(rs.getString(1));
        }
    }

    private List<String> sentKeys() throws Exception {
        return new ArrayList<>(keysInOrder(settings.findAll(postRequestedFor(urlEqualTo(EVENTS)))));
    }

    private static Set<String> keys(List<LoggedRequest> requests) throws Exception {
        return new HashSet<>(keysInOrder(requests));
    }

    private static List<String> keysInOrder(List<LoggedRequest> requests) throws Exception {
        List<String> keys = new ArrayList<>();
        for (LoggedRequest r : requests) {
            JSON.readTree(r.getBodyAsString()).get("events").forEach(e -> keys.add(e.get("key").asText()));
        }
        return keys;
    }

    private static List<Long> ids(Batch batch) {
        return batch.events().stream().map(HookRelayRepository.Event::id).toList();
    }
}
