package mind.ticket.queue;

import static io.restassured.RestAssured.given;
import static mind.ticket.queue.QueueTestSupport.claimLog;
import static mind.ticket.queue.QueueTestSupport.close;
import static mind.ticket.queue.QueueTestSupport.earliest;
import static mind.ticket.queue.QueueTestSupport.getLatest;
import static mind.ticket.queue.QueueTestSupport.latest;
import static mind.ticket.queue.QueueTestSupport.profile;
import static mind.ticket.queue.QueueTestSupport.query;
import static mind.ticket.queue.QueueTestSupport.setting;
import static mind.ticket.queue.QueueTestSupport.ticket;
import static mind.ticket.queue.QueueTestSupport.uniqueId;
import static mind.ticket.queue.QueueTestSupport.update;
import static mind.ticket.queue.QueueTestSupport.walk;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.events.TicketReassigned;
import mind.ticket.service.QueueSettings;

/** POST /ticket/getLatest: orders, skills, directions, leases, releases, validation, roles, settings-svc failures. */
@QuarkusTest
@TestProfile(WorkQueueProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class GetLatestTest {

    @Inject
    AgroalDataSource db;

    @Inject
    QueueSettings settings;

    @Inject
    Event<TicketReassigned> reassigned;

    @AfterEach
    void defaultSettings() {
        SettingsServiceStub.reset();
        settings.forget();
    }

    private void order(String mode) {
        setting("ticketRoutingOrder", "\"" + mode + "\"");
        settings.forget();
    }

    /** Four tickets whose order differs per mode; the agent sees only them (skills). */
    private record Four(long agent, long lowSoon, long urgentLate, long urgentNoSla, long highOld) {
    }

    private Four four() {
        long tag = uniqueId();
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        long lowSoon = ticket(Map.of("tags", List.of(tag), "priority", "low", "dueBy", "2030-01-01 10:00:00",
                "createdAt", "2029-06-01 10:00:00"));
        long urgentLate = ticket(Map.of("tags", List.of(tag), "priority", "urgent", "dueBy", "2030-03-01 10:00:00",
                "createdAt", "2029-06-03 10:00:00"));
        long urgentNoSla = ticket(Map.of("tags", List.of(tag), "priority", "urgent", "createdAt", "2029-06-02 10:00:00"));
        long highOld = ticket(Map.of("tags", List.of(tag), "priority", "high", "dueBy", "2030-02-01 10:00:00",
                "createdAt", "2029-05-01 10:00:00"));
        return new Four(agent, lowSoon, urgentLate, urgentNoSla, highOld);
    }

    @Test
    void slaDueOrdersByDueDateWithoutSlaLast() {
        order("slaDue");
        Four t = four();
        assertEquals(List.of(t.lowSoon, t.highOld, t.urgentLate, t.urgentNoSla), walk(t.agent));
    }

    @Test
    void priorityThenSlaIsTheDefault() {
        Four t = four();
        assertEquals(List.of(t.urgentLate, t.urgentNoSla, t.highOld, t.lowSoon), walk(t.agent));
    }

    @Test
    void priorityThenNewestAndOldestCustomerMessage() {
        order("priorityThenNewestCustomerMessage");
        Four t = four();
        assertEquals(List.of(t.urgentLate, t.urgentNoSla, t.highOld, t.lowSoon), walk(t.agent));
        Four u = four();
        order("priorityThenOldestCustomerMessage");
        assertEquals(List.of(u.urgentNoSla, u.urgentLate, u.highOld, u.lowSoon), walk(u.agent));
    }

    @Test
    void tiesGoByIdAndAnUnknownOrderFallsBackToTheDefault() {
        order("noSuchOrder");
        long tag = uniqueId();
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        long a = ticket(Map.of("tags", List.of(tag), "priority", "medium"));
        long b = ticket(Map.of("tags", List.of(tag), "priority", "medium"));
        long c = ticket(Map.of("tags", List.of(tag), "priority", "high"));
        assertEquals(List.of(c, a, b), walk(agent));
    }

    @Test
    void skillsAllNeedsEveryTagAtLeastOneNeedsAny() {
        long a = uniqueId();
        long b = uniqueId();
        long onlyA = ticket(Map.of("tags", List.of(a)));
        long both = ticket(Map.of("tags", List.of(a, b, uniqueId())));
        long onlyB = ticket(Map.of("tags", List.of(b)));
        ticket(Map.of("tags", List.of(uniqueId())));
        long all = uniqueId();
        profile(all, "ALL", a, b);
        assertEquals(List.of(both), walk(all));
        long any = uniqueId();
        profile(any, "AT_LEAST_ONE", a, b);
        assertEquals(List.of(onlyA, both, onlyB), walk(any));
    }

    @Test
    void filtersNarrowTheQueue() {
        long tag = uniqueId();
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        long email = ticket(Map.of("tags", List.of(tag), "channel", "email"));
        long chat = ticket(Map.of("tags", List.of(tag), "channel", "chat", "priority", "high"));
        long letter = ticket(Map.of("tags", List.of(tag, 5L), "channel", "letter"));
        assertEquals(chat, latest(agent, "earliest", null, "[{\"key\":\"t.channel\",\"comparator\":\"in\",\"values\":[\"chat\",\"letter\"]}]"));
        // the held ticket no longer matches: it is given up and the matching one claimed
        assertEquals(email, latest(agent, "earliest", null, "[{\"key\":\"t.channel\",\"comparator\":\"=\",\"value\":\"email\"}]"));
        assertEquals(letter, latest(agent, "earliest", null, "[{\"key\":\"tt.tagId\",\"comparator\":\"=\",\"value\":5},"
                + "{\"key\":\"t.priority\",\"comparator\":\"not in\",\"values\":[\"high\"]},{\"key\":\"t.status\",\"values\":[\"open\"]}]"));
        assertEquals(List.of("claimed:" + agent, "released:" + agent + ":replaced"), claimLog(db, chat));
    }

    @Test
    void filterKeysMayLeaveOutTheirPrefixAsSearchReadsThem() {
        long tag = uniqueId();
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        long email = ticket(Map.of("tags", List.of(tag), "channel", "email"));
        long chat = ticket(Map.of("tags", List.of(tag), "channel", "chat", "priority", "high"));
        long letter = ticket(Map.of("tags", List.of(tag, 5L), "channel", "letter"));
        assertEquals(chat, latest(agent, "earliest", null, "[{\"key\":\"channel\",\"comparator\":\"in\",\"values\":[\"chat\",\"letter\"]}]"));
        assertEquals(email, latest(agent, "earliest", null, "[{\"key\":\"channel\",\"comparator\":\"=\",\"value\":\"email\"}]"));
        assertEquals(letter, latest(agent, "earliest", null, "[{\"key\":\"tagId\",\"comparator\":\"=\",\"value\":5},"
                + "{\"key\":\"priority\",\"comparator\":\"not in\",\"values\":[\"high\"]},{\"key\":\"status\",\"values\":[\"open\"]}]"));
        // values are checked as for the prefixed keys, errors name the field as sent
        getLatest(agent, "{\"filters\":[{\"key\":\"channel\",\"values\":[\"fax\"]},{\"key\":\"claimedBy\",\"value\":1}]}")
                .then().statusCode(400).body("details.field", hasItems("filters[0].values[0]", "filters[1].key"));
    }

    @Test
    void earliestGivesBackTheHeldTicketAndNobodyElseGetsIt() {
        long tag = uniqueId();
        long one = uniqueId();
        long two = uniqueId();
        profile(one, "AT_LEAST_ONE", tag);
        profile(two, "AT_LEAST_ONE", tag);
        long first = ticket(Map.of("tags", List.of(tag)));
        long second = ticket(Map.of("tags", List.of(tag)));
        getLatest(one, "{}").then().statusCode(200).body("success", is(true)).body("ticketId", equalTo((int) first))
                .body("leaseExpiresAt", notNullValue());
        assertEquals(first, earliest(one));
        assertEquals(second, earliest(two));
        assertNull(latest(uniqueIdWith(tag), "earliest", null, null), "nothing free is left");
        assertEquals(List.of("claimed:" + one), claimLog(db, first));
    }

    private long uniqueIdWith(long tag) {
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        return agent;
    }

    @Test
    void nextAndPreviousMoveThroughTheOrderSkippingHeldTickets() {
        order("slaDue");
        long tag = uniqueId();
        long me = uniqueIdWith(tag);
        long other = uniqueIdWith(tag);
        long t1 = ticket(Map.of("tags", List.of(tag), "dueBy", "2030-01-01 00:00:00"));
        long t2 = ticket(Map.of("tags", List.of(tag), "dueBy", "2030-01-02 00:00:00"));
        long t3 = ticket(Map.of("tags", List.of(tag), "dueBy", "2030-01-03 00:00:00"));
        long t4 = ticket(Map.of("tags", List.of(tag), "dueBy", "2030-01-04 00:00:00"));
        assertEquals(t1, earliest(me));
        assertEquals(t2, latest(me, "next", t1, null));
        assertEquals(t1, latest(me, "previous", t2, null));
        assertEquals(t2, latest(other, "next", t1, null), "t1 was given back when I went to t2... and t2 after I left it");
        assertEquals(t3, latest(me, "next", t1, null), "t2 is held by the other agent");
        assertEquals(t4, latest(me, "next", t3, null));
        assertNull(latest(me, "next", t4, null), "nothing after the last one");
        assertEquals(t3, latest(me, "previous", t4, null));
        assertEquals(t1, latest(me, "previous", t3, null), "t2 is still held");
        assertEquals(List.of("claimed:" + me, "released:" + me + ":next", "claimed:" + me, "released:" + me + ":previous"),
                claimLog(db, t3));
    }

    @Test
    void anExpiredLeaseIsFreeForOthersAndLoggedAsExpired() {
        setting("ticketLeaseSeconds", "60");
        settings.forget();
        long tag = uniqueId();
        long a = uniqueIdWith(tag);
        long b = uniqueIdWith(tag);
        long ticket = ticket(Map.of("tags", List.of(tag)));
        getLatest(a, "{}").then().statusCode(200).body("ticketId", equalTo((int) ticket))
                .body("leaseExpiresAt", equalTo(mind.common.time.ApiTime.format(WorkQueueProfile.CLOCK.instant().plusSeconds(60))));
        assertNull(earliest(b));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(59));
        assertNull(earliest(b), "a second before the end the lease still holds");
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(1));
        assertEquals(ticket, earliest(b));
        assertEquals(List.of("claimed:" + a, "released:" + a + ":expired", "claimed:" + b), claimLog(db, ticket));
        assertNull(earliest(a), "a's claim was taken over");
    }

    @Test
    void theLogSaysWhoHeldEachTicketHowLongAndWhy() {
        setting("ticketLeaseSeconds", "60");
        settings.forget();
        order("slaDue");
        long tag = uniqueId();
        long a = uniqueIdWith(tag);
        long b = uniqueIdWith(tag);
        long t1 = ticket(Map.of("tags", List.of(tag), "dueBy", "2030-01-01 00:00:00"));
        long t2 = ticket(Map.of("tags", List.of(tag), "dueBy", "2030-01-02 00:00:00"));
        java.time.Instant start = WorkQueueProfile.CLOCK.instant();
        assertEquals(t1, earliest(a));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(25));
        assertEquals(t2, latest(a, "next", t1, null));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(70));
        assertEquals(t1, earliest(b), "a left t1 for t2; t1 is the first free one");
        assertEquals(t2, latest(b, "next", t1, null), "a's lease on t2 ran out 10 s ago");
        long at = start.getEpochSecond();
        long at25 = at + 25;
        long at95 = at + 95;
        assertEquals(List.of(
                "claimed|" + a + "|" + at + "|agentId=" + a + ",direction=earliest,expiresAt="
                        + mind.common.time.ApiTime.format(start.plusSeconds(60)) + ",order=slaDue",
                "released|" + a + "|" + at25 + "|agentId=" + a + ",heldSeconds=25,reason=next",
                "claimed|" + b + "|" + at95 + "|agentId=" + b + ",direction=earliest,expiresAt="
                        + mind.common.time.ApiTime.format(start.plusSeconds(155)) + ",order=slaDue",
                "released|" + b + "|" + at95 + "|agentId=" + b + ",heldSeconds=0,reason=next"), events(t1));
        assertEquals(List.of(
                "claimed|" + a + "|" + at25 + "|agentId=" + a + ",direction=next,expiresAt="
                        + mind.common.time.ApiTime.format(start.plusSeconds(85)) + ",order=slaDue",
                "released|null|" + at95 + "|agentId=" + a + ",heldSeconds=70,reason=expired",
                "claimed|" + b + "|" + at95 + "|agentId=" + b + ",direction=next,expiresAt="
                        + mind.common.time.ApiTime.format(start.plusSeconds(155)) + ",order=slaDue"), events(t2));
    }

    /** The ticket's claim events in log order: type, actor, epoch second, and the data's keys and values sorted by key. */
    private List<String> events(long ticketId) {
        return query(db, "select type, coalesce(actor_id, 'null'), cast(extract(epoch from created_at) as bigint), "
                + "(select string_agg(key || '=' || value, ',' order by key) from jsonb_each_text(data)) from ticket_event "
                + "where ticket_id = ? and type in ('claimed', 'released') order by id", ticketId).stream()
                .map(r -> String.join("|", r)).toList();
    }

    @Test
    void closingOrLeavingOpenReleasesTheClaim() {
        long tag = uniqueId();
        long a = uniqueIdWith(tag);
        long b = uniqueIdWith(tag);
        long first = ticket(Map.of("tags", List.of(tag)));
        long second = ticket(Map.of("tags", List.of(tag)));
        assertEquals(first, earliest(a));
        WorkQueueProfile.CLOCK.advance(Duration.ofSeconds(90));
        assertEquals(1, close(db, first));
        assertEquals(List.of("0"), query(db, "select count(*) from ticket_claim where ticket_id = ?", first).stream().map(r -> r[0]).toList());
        assertEquals(List.of("closed/90"), query(db, "select data->>'reason', data->>'heldSeconds' "
                + "from ticket_event where ticket_id = ? and type = 'released'", first).stream().map(r -> r[0] + "/" + r[1]).toList());
        assertEquals(second, earliest(a));
        // pending and back to open: the ticket is in the queue again, free for anyone
        assertEquals(1, update(db, "update ticket set status = 'pending' where id = ?", second));
        assertEquals(1, update(db, "update ticket set status = 'open' where id = ?", second));
        assertEquals(second, earliest(b));
        assertEquals(List.of("claimed:" + a, "released:" + a + ":statusChanged", "claimed:" + b), claimLog(db, second));
    }

    @Test
    void reassignmentReleasesAnotherAgentsClaim() {
        long tag = uniqueId();
        long a = uniqueIdWith(tag);
        long b = uniqueIdWith(tag);
        long ticket = ticket(Map.of("tags", List.of(tag)));
        assertEquals(ticket, earliest(a));
        QuarkusTransaction.requiringNew().run(() -> {
            update(db, "update ticket set agent_id = ? where id = ?", b, ticket);
            reassigned.fire(new TicketReassigned(ticket, null, Long.toString(b)));
        });
        assertEquals(List.of("claimed:" + a, "released:" + a + ":reassigned"), claimLog(db, ticket));
        assertNull(earliest(a), "assigned to b now");
        assertEquals(ticket, earliest(b), "b's own ticket is in b's queue");
        // reassigned to the holder: the claim stays
        QuarkusTransaction.requiringNew().run(() -> reassigned.fire(new TicketReassigned(ticket, Long.toString(b), Long.toString(b))));
        assertEquals(List.of("claimed:" + a, "released:" + a + ":reassigned", "claimed:" + b), claimLog(db, ticket));
    }

    @Test
    void badBodiesAre400NamingTheField() {
        long agent = uniqueId();
        getLatest(agent, "{\"filters\":[{\"key\":\"t.channel\",\"values\":[\"email\"]},{\"key\":\"x.secret\",\"comparator\":\"=\",\"value\":1},"
                + "{\"key\":\"t.priority\",\"comparator\":\"like\",\"value\":\"low\"},{\"key\":\"t.channel\",\"comparator\":\"in\",\"values\":[\"fax\"]}]}")
                .then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("details.field", hasItems("filters[1].key", "filters[2].comparator", "filters[3].values[0]"))
                .body("error", containsString("x.secret"));
        getLatest(agent, "{\"preferredDirection\":\"next\"}").then().statusCode(400).body("details[0].field", equalTo("ticketId"));
        getLatest(agent, "{\"preferredDirection\":\"sideways\"}").then().statusCode(400)
                .body("details[0].field", equalTo("preferredDirection"));
        getLatest(agent, "{\"preferredDirection\":\"next\",\"ticketId\":999999999}").then().statusCode(404);
    }

    @Test
    void anUnknownTicketToMoveFromIs404AndTheAgentKeepsTheirTicket() {
        long tag = uniqueId();
        long agent = uniqueIdWith(tag);
        long held = ticket(Map.of("tags", List.of(tag)));
        assertEquals(held, earliest(agent));
        getLatest(agent, "{\"preferredDirection\":\"next\",\"ticketId\":999999999}").then().statusCode(404)
                .body("success", is(false)).body("error", containsString("999999999"));
        assertEquals(List.of("claimed:" + agent), claimLog(db, held), "nothing was released");
        assertEquals(held, earliest(agent));
    }

    /** The agent's lock held elsewhere past the lock timeout: 503 with Retry-After, and the agent keeps their ticket. */
    @Test
    void aLockThatStaysTakenIs503AndChangesNothing() throws Exception {
        long tag = uniqueId();
        long agent = uniqueIdWith(tag);
        long held = ticket(Map.of("tags", List.of(tag)));
        ticket(Map.of("tags", List.of(tag)));
        assertEquals(held, earliest(agent));
        try (java.sql.Connection other = db.getConnection(); java.sql.PreparedStatement lock = other.prepareStatement(
                "select pg_advisory_lock(hashtextextended('ticket:ticketClaim:' || ?, 0))")) {
            lock.setString(1, Long.toString(agent));
            lock.execute();
            try {
                getLatest(agent, "{\"preferredDirection\":\"next\",\"ticketId\":" + held + "}").then().statusCode(503)
                        .header("Retry-After", notNullValue()).body("code", equalTo("database_busy"));
            } finally {
                try (java.sql.Statement unlock = other.createStatement()) {
                    unlock.execute("select pg_advisory_unlock_all()");
                }
            }
        }
        assertEquals(List.of("claimed:" + agent), claimLog(db, held), "nothing was released");
        assertEquals(held, earliest(agent));
    }

    @Test
    void onlyAgentsAndAdminsTakeTickets() {
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON).body("{}")
                .post(QueueTestSupport.GET_LATEST).then().statusCode(403);
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).body("{\"filters\":[{\"key\":\"tt.tagId\","
                + "\"comparator\":\"=\",\"value\":" + uniqueId() + "}]}").post(QueueTestSupport.GET_LATEST)
                .then().statusCode(200).body("ticketId", nullValue());
    }

    @Test
    void withoutTheProfileGetLatestIs503ButOrderAndLeaseFallBack() {
        long down = uniqueId();
        SettingsServiceStub.server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/mind/profile/" + down)).atPriority(1)
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        getLatest(down, "{}").then().statusCode(503).header("Retry-After", notNullValue())
                .body("code", equalTo("dependency_unavailable")).body("error", containsString("settings-svc"));
        long busy = uniqueId();
        SettingsServiceStub.server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/mind/profile/" + busy)).atPriority(1)
                .willReturn(WireMock.aResponse().withStatus(503)));
        getLatest(busy, "{}").then().statusCode(503).body("code", equalTo("dependency_unavailable"));

        SettingsServiceStub.server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/mind/settings")).atPriority(1)
                .willReturn(WireMock.aResponse().withStatus(500)));
        settings.forget();
        Four t = four();
        // priorityThenSla, the configured default
        assertEquals(List.of(t.urgentLate, t.urgentNoSla, t.highOld, t.lowSoon), walk(t.agent));
    }

    @Test
    void routesStayApart() {
        long tag = uniqueId();
        long ticket = ticket(Map.of("tags", List.of(tag), "subject", "routing"));
        given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/" + ticket).then().statusCode(200)
                .body("subject", equalTo("routing"));
        given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/stats").then().statusCode(200)
                .body("total", notNullValue());
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + ticket + "/ping").then().statusCode(200)
                .body("workedOnBy.id", hasItems(7));
    }
}
