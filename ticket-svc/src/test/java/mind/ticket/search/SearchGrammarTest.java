package mind.ticket.search;

import static mind.ticket.search.SearchFixtures.body;
import static mind.ticket.search.SearchFixtures.search;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;

/** POST /ticket/search: date keys, tag sets, q, ordering, paging, SQL injection attempts, statement count. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class SearchGrammarTest {

    @Inject
    SearchFixtures fixtures;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private static Object[] boxed(long... ids) {
        Object[] out = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    private static final String ASC = "\"orderByField\":\"t.id\",\"orderByDirection\":\"asc\"";

    @Test
    void dateKeysTakeScalarComparatorsBetweenAndEveryValueForm() {
        String scope = SearchFixtures.newScope();
        long may1 = fixtures.ticket(scope).set("created_at", Instant.parse("2024-05-01T10:00:00Z")).insert();
        long may2 = fixtures.ticket(scope).set("created_at", Instant.parse("2024-05-02T23:59:59.5Z")).insert();
        long may3 = fixtures.ticket(scope).set("created_at", Instant.parse("2024-05-03T00:00:00Z")).insert();

        // a date names its whole day
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"=\",\"value\":\"2024-05-02\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may2)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"!=\",\"value\":\"2024-05-02\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may1, may3)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"<=\",\"value\":\"2024-05-02\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may1, may2)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\">\",\"value\":\"2024-05-02\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may3)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"<\",\"value\":\"2024-05-02 00:00:00\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may1)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\">=\",\"value\":\"2024-05-01T10:00:00Z\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may1, may2, may3)));
        // unix seconds (2024-05-01T10:00:00Z), as the docs' example sends them
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"=\",\"value\":1714557600}"))
                .statusCode(200).body("tickets.id", contains(boxed(may1)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"between\",\"from\":\"2024-05-02\",\"to\":\"2024-05-03\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may2, may3)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"not between\",\"from\":\"2024-05-02\",\"to\":\"2024-05-03\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(may1)));
    }

    @Test
    void relativeAndCurrentValuesCountFromNow() {
        String scope = SearchFixtures.newScope();
        Instant now = Instant.now(clock);
        long hourAgo = fixtures.ticket(scope).set("created_at", now.minus(1, ChronoUnit.HOURS)).insert();
        long threeDaysAgo = fixtures.ticket(scope).set("created_at", now.minus(3, ChronoUnit.DAYS)).insert();
        long monthsAgo = fixtures.ticket(scope).set("created_at", now.minus(100, ChronoUnit.DAYS)).insert();
        long overdue = fixtures.ticket(scope).set("created_at", now.minus(200, ChronoUnit.DAYS))
                .set("due_by", now.minus(5, ChronoUnit.MINUTES)).insert();

        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\">=\",\"value\":\"-4 HOUR\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(hourAgo)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\">=\",\"value\":\"-7 DAY\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(hourAgo, threeDaysAgo)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"<\",\"value\":\"-2 WEEK\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(monthsAgo, overdue)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"between\",\"from\":\"-6 MONTH\",\"to\":\"-30 MINUTE\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(hourAgo, threeDaysAgo, monthsAgo)));
        search(body(scope, ASC, "{\"key\":\"t.dueBy\",\"comparator\":\"<\",\"value\":\"CURRENT_TIME\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(overdue)));
        search(body(scope, ASC, "{\"key\":\"t.createdAt\",\"comparator\":\"<\",\"value\":\"CURRENT_DATE\"}"))
                .statusCode(200).body("total", is(now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.DAYS)
                        .equals(now.truncatedTo(ChronoUnit.DAYS)) ? 3 : 4));
        // closedAt = null: tickets never closed
        search(body(scope, ASC, "{\"key\":\"t.dueBy\",\"comparator\":\"=\",\"value\":\"null\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(hourAgo, threeDaysAgo, monthsAgo)));
    }

    @Test
    void dateKeysRefuseInAndBadValuesNamingTheFilter() {
        String scope = SearchFixtures.newScope();
        search(body(scope, null, "{\"key\":\"t.createdAt\",\"comparator\":\"in\",\"values\":[\"2024-01-01\"]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].comparator"))
                .body("error", containsString("t.createdAt"));
        search(body(scope, null, "{\"key\":\"t.dueBy\",\"comparator\":\">\",\"value\":\"yesterday\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"))
                .body("error", containsString("t.dueBy"));
        search(body(scope, null, "{\"key\":\"t.closedAt\",\"comparator\":\"between\",\"from\":\"2024-01-01\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].to"));
        search(body(scope, null, "{\"key\":\"t.createdAt\",\"comparator\":\">\",\"value\":\"-7 YEAR\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"));
    }

    /** Only an explicit null matches an empty field: a value left out (or sent as values) is a 400, not "is null". */
    @Test
    void aScalarComparatorWithoutItsValueIs400() {
        String scope = SearchFixtures.newScope();
        search(body(scope, null, "{\"key\":\"t.agentId\",\"comparator\":\"=\",\"values\":[2]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"))
                .body("error", containsString("t.agentId"));
        search(body(scope, null, "{\"key\":\"t.status\",\"comparator\":\"!=\",\"values\":[\"open\"]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"));
        search(body(scope, null, "{\"key\":\"t.id\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"));
        search(body(scope, null, "{\"key\":\"t.dueBy\",\"comparator\":\"=\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"));
        search(body(scope, null, "{\"key\":\"t.agentId\",\"comparator\":\"=\",\"value\":null}")).statusCode(200);
    }

    @Test
    void tagSetsMatchAsNamed() {
        String scope = SearchFixtures.newScope();
        long none = fixtures.ticket(scope).insert();
        long one = fixtures.ticket(scope).set("tag_ids", new Long[] { 1L }).insert();
        long oneTwo = fixtures.ticket(scope).set("tag_ids", new Long[] { 1L, 2L }).insert();
        long oneTwoThree = fixtures.ticket(scope).set("tag_ids", new Long[] { 1L, 2L, 3L }).insert();
        long three = fixtures.ticket(scope).set("tag_ids", new Long[] { 3L }).insert();

        search(body(scope, ASC, "{\"key\":\"tt_matchAll.tagId\",\"comparator\":\"in\",\"values\":[1,2]}"))
                .statusCode(200).body("tickets.id", contains(boxed(oneTwo, oneTwoThree)));
        search(body(scope, ASC, "{\"key\":\"tt_matchAny.tagId\",\"comparator\":\"in\",\"values\":[2,3]}"))
                .statusCode(200).body("tickets.id", contains(boxed(oneTwo, oneTwoThree, three)));
        search(body(scope, ASC, "{\"key\":\"tt_matchExact.tagId\",\"comparator\":\"in\",\"values\":[2,1]}"))
                .statusCode(200).body("tickets.id", contains(boxed(oneTwo)));
        search(body(scope, ASC, "{\"key\":\"tt_allowed.tagId\",\"comparator\":\"in\",\"values\":[1,2]}"))
                .statusCode(200).body("tickets.id", contains(boxed(none, one, oneTwo)));
        search(body(scope, ASC, "{\"key\":\"tt_excluded.tagId\",\"comparator\":\"in\",\"values\":[2]}"))
                .statusCode(200).body("tickets.id", contains(boxed(none, one, three)));
        search(body(scope, ASC, "{\"key\":\"tt.tagId\",\"comparator\":\"in\",\"values\":[3]}"))
                .statusCode(200).body("tickets.id", contains(boxed(oneTwoThree, three)));
        search(body(scope, ASC, "{\"key\":\"tt.tagId\",\"comparator\":\"in\",\"values\":[3,\"null\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(none, oneTwoThree, three)));
        search(body(scope, ASC, "{\"key\":\"tt.tagId\",\"comparator\":\"not in\",\"values\":[1]}"))
                .statusCode(200).body("tickets.id", contains(boxed(none, three)));
        search(body(scope, ASC, "{\"key\":\"tt.tagId\",\"comparator\":\"not in\",\"values\":[1,\"null\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(three)));
        search(body(scope, ASC, "{\"key\":\"tt.tagId\",\"comparator\":\"=\",\"value\":2}"))
                .statusCode(200).body("tickets.id", contains(boxed(oneTwo, oneTwoThree)));
        search(body(scope, ASC, "{\"key\":\"tt_matchAny.tagId\",\"comparator\":\"not in\",\"values\":[2]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].comparator"));
        search(body(scope, ASC, "{\"key\":\"tt_matchAll.tagId\",\"comparator\":\"in\",\"values\":[\"vip\"]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].values[0]"));
    }

    @Test
    void qSearchesTextAndNumbersAndShortQueriesFindNothing() {
        String scope = SearchFixtures.newScope();
        long subject = fixtures.ticket(scope).set("subject", "Zählerstand melden").set("body_plain", "Guten Tag").insert();
        long bodyOnly = fixtures.ticket(scope).set("subject", "Umzug").set("body_plain", "Ich sende meinen Zählerstand")
                .insert();
        long summary = fixtures.ticket(scope).set("summary", "customer relocates").set("contract_id", "880011")
                .set("customer_id", "770022").insert();

        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"zählerstand\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(subject, bodyOnly)));
        search(body(scope, ASC, "{\"key\":\"q\",\"comparator\":\"=\",\"value\":\"relocates\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(summary)));
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"880011\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(summary)));
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"770022\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(summary)));
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"" + bodyOnly + "\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(bodyOnly)));
        // fewer than 4 characters other than digits: nothing, even where the word occurs
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"Tag\"}"))
                .statusCode(200).body("tickets", empty()).body("total", is(0));
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"  ab 12 \"}"))
                .statusCode(200).body("tickets", empty());
        // relevance: the subject weighs more than the body
        search(body(scope, "\"orderByField\":\"relevance\"", "{\"key\":\"q\",\"value\":\"zählerstand\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(subject, bodyOnly)));
        search(body(scope, "\"orderByField\":\"relevance\",\"orderByDirection\":\"asc\"",
                "{\"key\":\"q\",\"value\":\"zählerstand\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(bodyOnly, subject)));
        // relevance without q falls back to t.id (desc by default)
        search(body(scope, "\"orderByField\":\"relevance\""))
                .statusCode(200).body("tickets.id", contains(boxed(summary, bodyOnly, subject)));
    }

    @Test
    void qAlsoSearchesTheHistoryButNotDrafts() {
        String scope = SearchFixtures.newScope();
        long inTicket = fixtures.ticket(scope).set("subject", "Abschlag anpassen").set("body_plain", "Bitte den Abschlag senken")
                .insert();
        long inReply = fixtures.ticket(scope).set("subject", "Frage").set("body_plain", "Hallo").insert();
        fixtures.message(inReply, "Re: Frage", "Mein Abschlag ist zu hoch", false);
        long inSubjectOfReply = fixtures.ticket(scope).set("subject", "Frage").insert();
        fixtures.message(inSubjectOfReply, "Abschlag", null, false);
        long onlyInDraft = fixtures.ticket(scope).set("subject", "Frage").insert();
        fixtures.message(onlyInDraft, null, "Entwurf zum Abschlag", true);
        long twoMessages = fixtures.ticket(scope).set("subject", "Frage").insert();
        fixtures.message(twoMessages, null, "erster Abschlag", false);
        fixtures.message(twoMessages, null, "zweiter Abschlag", false);
        long unrelated = fixtures.ticket(scope).set("subject", "Umzug").insert();
        fixtures.message(unrelated, null, "neue Adresse", false);

        // a ticket matched by several of its messages is one row, and counted once
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"abschlag\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(inTicket, inReply, inSubjectOfReply, twoMessages)))
                .body("total", is(4));
        search(body(scope, "\"limit\":1,\"offset\":1," + ASC, "{\"key\":\"q\",\"value\":\"abschlag\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(inReply))).body("total", is(4));
        // websearch syntax across the thread: a phrase, and a word left out
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"\\\"zweiter abschlag\\\"\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(twoMessages)));
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"abschlag -hoch\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(inTicket, inSubjectOfReply, twoMessages)));
        // relevance: a match in the ticket's own text ranks before one in its history only
        search(body(scope, "\"orderByField\":\"relevance\"", "{\"key\":\"q\",\"value\":\"abschlag\"}"))
                .statusCode(200).body("tickets.id[0]", is((int) inTicket));
        // a draft that is sent (no longer a draft) is found from then on
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update conversation set is_draft = false where ticket_id = ?1").setParameter(1, onlyInDraft).executeUpdate());
        search(body(scope, ASC, "{\"key\":\"q\",\"value\":\"entwurf\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(onlyInDraft)));
    }

    @Test
    void claimedByMatchesLiveClaimsOnly() {
        String scope = SearchFixtures.newScope();
        long unclaimed = fixtures.ticket(scope).insert();
        long mine = fixtures.ticket(scope).insert();
        long others = fixtures.ticket(scope).insert();
        long expired = fixtures.ticket(scope).insert();
        String agent7 = "7-" + scope;
        String agent8 = "8-" + scope;
        String agent9 = "9-" + scope;
        QuarkusTransaction.requiringNew().run(() -> {
            claim(mine, agent7, "1 minute");
            claim(others, agent8, "1 minute");
            claim(expired, agent9, "-1 minute");
        });

        search(body(scope, ASC, "{\"key\":\"t.claimedBy\",\"values\":[\"" + agent7 + "\",\"null\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(unclaimed, mine, expired)));
        search(body(scope, ASC, "{\"key\":\"claimedBy\",\"comparator\":\"not in\",\"values\":[\"null\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(mine, others)));
        search(body(scope, ASC, "{\"key\":\"t.claimedBy\",\"comparator\":\"=\",\"value\":\"" + agent8 + "\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(others)));
        // a filter key, not an order key
        search(body(scope, "\"orderByField\":\"t.claimedBy\""))
                .statusCode(400).body("details[0].field", equalTo("orderByField"));
    }

    @Test
    void aiAgentIdMatchesTheAgentsLastDetected() {
        String scope = SearchFixtures.newScope();
        long fourAndFive = fixtures.ticket(scope).insert();
        long five = fixtures.ticket(scope).insert();
        long redetected = fixtures.ticket(scope).insert();
        long none = fixtures.ticket(scope).insert();
        long emptyDetection = fixtures.ticket(scope).insert();
        QuarkusTransaction.requiringNew().run(() -> {
            detected(fourAndFive, "[4, 5]");
            detected(five, "[\"5\"]");
            detected(redetected, "[4]");
            detected(redetected, "[6]"); // the newest detection counts
            detected(emptyDetection, "[]");
        });

        search(body(scope, ASC, "{\"key\":\"i.aiAgentId\",\"values\":[4]}"))
                .statusCode(200).body("tickets.id", contains(boxed(fourAndFive)));
        search(body(scope, ASC, "{\"key\":\"i.aiAgentId\",\"comparator\":\"in\",\"values\":[5,6]}"))
                .statusCode(200).body("tickets.id", contains(boxed(fourAndFive, five, redetected)));
        search(body(scope, ASC, "{\"key\":\"i.aiAgentId\",\"comparator\":\"not in\",\"values\":[5]}"))
                .statusCode(200).body("tickets.id", contains(boxed(redetected, none, emptyDetection)));
        search(body(scope, ASC, "{\"key\":\"i.aiAgentId\",\"comparator\":\"in\",\"values\":[6,\"null\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(redetected, none, emptyDetection)));
        search(body(scope, ASC, "{\"key\":\"i.aiAgentId\",\"comparator\":\"!=\",\"value\":null}"))
                .statusCode(200).body("tickets.id", contains(boxed(fourAndFive, five, redetected)));
        search(body(scope, ASC, "{\"key\":\"i.aiAgentId\",\"values\":[\"x' OR '1'='1\"]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].values[0]"));
        // as an order key: the lowest agent detected, none detected last
        search(body(scope, "\"orderByField\":\"i.aiAgentId\",\"orderByDirection\":\"asc\""))
                .statusCode(200).body("tickets.id", contains(boxed(fourAndFive, five, redetected, none, emptyDetection)));
    }

    private void detected(long ticketId, String aiAgentIds) {
        em.createNativeQuery("insert into ticket_event (ticket_id, type, technical, data, created_at) "
                + "values (?1, 'intentsDetected', false, cast(?2 as jsonb), now())")
                .setParameter(1, ticketId).setParameter(2, "{\"aiAgentIds\":" + aiAgentIds + "}").executeUpdate();
    }

    private void claim(long ticketId, String agentId, String expiresIn) {
        em.createNativeQuery("insert into ticket_claim (ticket_id, agent_id, claimed_at, expires_at) "
                + "values (?1, ?2, now(), now() + cast(?3 as interval))")
                .setParameter(1, ticketId).setParameter(2, agentId).setParameter(3, expiresIn).executeUpdate();
    }

    @Test
    void orderingUsesTheWhitelistOnly() {
        String scope = SearchFixtures.newScope();
        long a = fixtures.ticket(scope).set("created_at", Instant.parse("2024-01-03T00:00:00Z")).set("priority", "urgent").insert();
        long b = fixtures.ticket(scope).set("created_at", Instant.parse("2024-01-01T00:00:00Z")).set("priority", "low")
                .set("due_by", Instant.parse("2024-02-01T00:00:00Z")).insert();
        long c = fixtures.ticket(scope).set("created_at", Instant.parse("2024-01-02T00:00:00Z")).set("priority", "medium")
                .set("due_by", Instant.parse("2024-01-15T00:00:00Z")).insert();

        search(body(scope, null)).statusCode(200).body("tickets.id", contains(boxed(c, b, a)));
        search(body(scope, "\"orderByField\":\"t.createdAt\",\"orderByDirection\":\"asc\""))
                .statusCode(200).body("tickets.id", contains(boxed(b, c, a)));
        search(body(scope, "\"orderByField\":\"t.createdAt desc\""))
                .statusCode(200).body("tickets.id", contains(boxed(a, c, b)));
        search(body(scope, "\"orderByField\":\"t.priority\",\"orderByDirection\":\"desc\""))
                .statusCode(200).body("tickets.id", contains(boxed(a, c, b)));
        // empty due dates last, either way
        search(body(scope, "\"orderByField\":\"t.dueBy\",\"orderByDirection\":\"asc\""))
                .statusCode(200).body("tickets.id", contains(boxed(c, b, a)));
        search(body(scope, "\"orderByField\":\"t.dueBy\",\"orderByDirection\":\"desc\""))
                .statusCode(200).body("tickets.id", contains(boxed(b, c, a)));

        search(body(scope, "\"orderByField\":\"t.subject\"")).statusCode(400)
                .body("details[0].field", equalTo("orderByField")).body("error", containsString("t.subject"));
        search(body(scope, "\"orderByField\":\"t.id\",\"orderByDirection\":\"sideways\"")).statusCode(400)
                .body("details[0].field", equalTo("orderByDirection"));
        search(body(scope, "\"orderByField\":\"t.partnerId\"")).statusCode(400)
                .body("code", equalTo("unsupported_filter")).body("details[0].field", equalTo("orderByField"));
        search(body(scope, "\"ticketScope\":\"everything\"")).statusCode(400)
                .body("details[0].field", equalTo("ticketScope"));
    }

    @Test
    void pagingGivesTotalOffsetAndLimit() {
        String scope = SearchFixtures.newScope();
        long[] ids = new long[7];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = fixtures.ticket(scope).insert();
        }
        search(body(scope, ASC + ",\"limit\":3,\"offset\":0")).statusCode(200)
                .body("tickets.id", contains(boxed(ids[0], ids[1], ids[2]))).body("total", is(7))
                .body("limit", is(3)).body("offset", is(0));
        search(body(scope, ASC + ",\"limit\":3,\"offset\":3")).statusCode(200)
                .body("tickets.id", contains(boxed(ids[3], ids[4], ids[5]))).body("total", is(7));
        search(body(scope, ASC + ",\"limit\":3,\"offset\":6")).statusCode(200)
                .body("tickets.id", contains(boxed(ids[6]))).body("total", is(7));
        search(body(scope, ASC + ",\"limit\":3,\"offset\":9")).statusCode(200)
                .body("tickets", empty()).body("total", is(7));
        search(body(scope, "\"limit\":501")).statusCode(400).body("details[0].field", equalTo("limit"));
        search(body(scope, "\"limit\":0")).statusCode(400).body("details[0].field", equalTo("limit"));
        search(body(scope, "\"offset\":-1")).statusCode(400).body("details[0].field", equalTo("offset"));
        search(body(scope, "\"limit\":500")).statusCode(200).body("limit", is(500)).body("total", is(7));
    }

    @Test
    void requestTextIsOnlyEverABoundValue() {
        String scope = SearchFixtures.newScope();
        long quoted = fixtures.ticket(scope).set("from_address", "x' OR '1'='1").insert();
        fixtures.ticket(scope).set("from_address", "someone@example.com").insert();

        // the text is compared as it is: it matches the one ticket that holds exactly it, not every ticket
        search(body(scope, null, "{\"key\":\"t.from\",\"comparator\":\"=\",\"value\":\"x' OR '1'='1\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(quoted)));
        search(body(scope, null, "{\"key\":\"t.externalTicketId\",\"comparator\":\"in\",\"values\":[\"1; drop table ticket\"]}"))
                .statusCode(200).body("total", is(0));
        search(body(scope, null, "{\"key\":\"q\",\"value\":\"'); drop table ticket; --\"}"))
                .statusCode(200).body("total", is(0));
        search(body(scope, null, "{\"key\":\"t.id\",\"comparator\":\"=\",\"value\":\"1; drop table ticket\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"));
        search(body(scope, "\"orderByField\":\"t.id desc; drop table ticket\"")).statusCode(400)
                .body("details[0].field", equalTo("orderByField"));
        search(body(scope, "\"orderByField\":\"t.id\",\"orderByDirection\":\"desc; drop table ticket\"")).statusCode(400)
                .body("details[0].field", equalTo("orderByDirection"));
        search(body(scope, null, "{\"key\":\"t.id; drop table ticket\",\"comparator\":\"=\",\"value\":1}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].key"));
        search(body(scope, null, "{\"key\":\"t.id\",\"comparator\":\"= 1 or 1=1; drop table ticket; --\",\"value\":1}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].comparator"));

        // the table is still there, with both tickets
        search(body(scope, null)).statusCode(200).body("total", is(2));
        Number rows = (Number) em.createNativeQuery("select count(*) from ticket where language = ?1")
                .setParameter(1, scope).getSingleResult();
        assertEquals(2, rows.intValue());
    }

    @Test
    void aPageOfOneHundredRowsTakesTwoStatements() {
        String scope = SearchFixtures.newScope();
        for (int i = 0; i < 120; i++) {
            fixtures.ticket(scope).set("tag_ids", new Long[] { 5L, (long) i }).set("subject", "row " + i)
                    .set("customer_id", "C" + i).insert();
        }
        StatementCounter.start();
        search(body(scope, "\"limit\":100", "{\"key\":\"tt.tagId\",\"comparator\":\"in\",\"values\":[5]}",
                "{\"key\":\"t.status\",\"comparator\":\"in\",\"values\":[\"open\",\"pending\"]}"))
                .statusCode(200).body("tickets.size()", is(100)).body("total", is(120));
        List<String> statements = StatementCounter.statements();
        // the page and the count; no statement per row (tags, customers) and no entity loads
        assertEquals(2, statements.size(), () -> "statements: " + statements);
        assertTrue(statements.get(0).startsWith("select t.id,"), statements.get(0));
        assertTrue(statements.get(1).startsWith("select count(*)"), statements.get(1));

        // the last page says its total itself: one statement
        StatementCounter.start();
        search(body(scope, "\"limit\":100,\"offset\":100")).statusCode(200).body("tickets.size()", is(20))
                .body("total", is(120));
        assertEquals(1, StatementCounter.statements().size());
    }
}
