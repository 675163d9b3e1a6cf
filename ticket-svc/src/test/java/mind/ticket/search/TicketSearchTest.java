package mind.ticket.search;

import static io.restassured.RestAssured.given;
import static mind.ticket.search.SearchFixtures.body;
import static mind.ticket.search.SearchFixtures.search;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** POST /ticket/search: routing, every comparator of set keys, null handling, roles, compact rows. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class TicketSearchTest {

    @Inject
    SearchFixtures fixtures;

    private static long[] ids(long... ids) {
        return ids;
    }

    private static Object[] boxed(long... ids) {
        Object[] out = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Test
    void searchRoutesToTheSearchResourceAndTicketIdStillToTicketResource() {
        String scope = SearchFixtures.newScope();
        long id = fixtures.ticket(scope).set("subject", "routing check").insert();
        search(body(scope, null))
                .statusCode(200)
                .body("success", is(true))
                .body("total", is(1))
                .body("limit", is(100))
                .body("offset", is(0))
                .body("tickets.id", contains((int) id));
        given().header("Authorization", TestTokens.agent(7)).when().get("/api/mind/ticket/" + id)
                .then().statusCode(200).body("id", is((int) id)).body("subject", equalTo("routing check"));
    }

    @Test
    void setKeysTakeEveryComparator() {
        String scope = SearchFixtures.newScope();
        long low = fixtures.ticket(scope).set("priority", "low").set("agent_id", 5L).insert();
        long medium = fixtures.ticket(scope).set("priority", "medium").set("agent_id", 6L).insert();
        long high = fixtures.ticket(scope).set("priority", "high").set("agent_id", 7L).insert();
        long urgent = fixtures.ticket(scope).set("priority", "urgent").set("agent_id", 8L).insert();
        String asc = "\"orderByField\":\"t.id\",\"orderByDirection\":\"asc\"";

        search(body(scope, asc, "{\"key\":\"t.priority\",\"comparator\":\"in\",\"values\":[\"high\",\"low\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(low, high)));
        search(body(scope, asc, "{\"key\":\"t.priority\",\"comparator\":\"not in\",\"values\":[\"high\",\"low\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(medium, urgent)));
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"=\",\"value\":6}"))
                .statusCode(200).body("tickets.id", contains(boxed(medium)));
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"!=\",\"value\":\"6\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(low, high, urgent)));
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"<\",\"value\":7}"))
                .statusCode(200).body("tickets.id", contains(boxed(low, medium)));
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"<=\",\"value\":7}"))
                .statusCode(200).body("tickets.id", contains(boxed(low, medium, high)));
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\">\",\"value\":7}"))
                .statusCode(200).body("tickets.id", contains(boxed(urgent)));
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\">=\",\"value\":7}"))
                .statusCode(200).body("tickets.id", contains(boxed(high, urgent)));
        // priority compares by rank, not alphabetically: above medium are high and urgent
        search(body(scope, asc, "{\"key\":\"t.priority\",\"comparator\":\">\",\"value\":\"medium\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(high, urgent)));
        // the docs' unprefixed key names the same column
        search(body(scope, asc, "{\"key\":\"priority\",\"comparator\":\"=\",\"value\":\"urgent\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(urgent)));
    }

    @Test
    void nullInValuesMatchesEmptyFieldsAndNotInExcludesThem() {
        String scope = SearchFixtures.newScope();
        long assigned = fixtures.ticket(scope).set("agent_id", 5L).set("customer_id", "C-1").insert();
        long other = fixtures.ticket(scope).set("agent_id", 6L).insert();
        long unassigned = fixtures.ticket(scope).insert();
        String asc = "\"orderByDirection\":\"asc\"";

        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"in\",\"values\":[5,\"null\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(assigned, unassigned)));
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"in\",\"values\":[\"unassigned\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(unassigned)));
        // NULL is not 5: without "null" in the list, not in keeps unassigned tickets ...
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"not in\",\"values\":[5]}"))
                .statusCode(200).body("tickets.id", contains(boxed(other, unassigned)));
        // ... with it, they are left out too (SQL's NOT IN with a NULL would drop every row instead)
        search(body(scope, asc, "{\"key\":\"t.agentId\",\"comparator\":\"not in\",\"values\":[5,\"null\"]}"))
                .statusCode(200).body("tickets.id", contains(boxed(other)));
        search(body(scope, asc, "{\"key\":\"t.customerId\",\"comparator\":\"=\",\"value\":null}"))
                .statusCode(200).body("tickets.id", contains(boxed(other, unassigned)));
        search(body(scope, asc, "{\"key\":\"t.customerId\",\"comparator\":\"!=\",\"value\":\"null\"}"))
                .statusCode(200).body("tickets.id", contains(boxed(assigned)));
        // channel "all" is no filter at all
        search(body(scope, asc, "{\"key\":\"t.channel\",\"comparator\":\"in\",\"values\":[\"all\"]}"))
                .statusCode(200).body("total", is(3));
    }

    @Test
    void rowsAreCompact() {
        String scope = SearchFixtures.newScope();
        long id = fixtures.ticket(scope).set("body", "<p>secret body</p>").set("body_plain", "secret body")
                .set("subject", "compact").set("customer_id", "4711").set("tag_ids", new Long[] { 3L, 9L })
                .set("assigned_agent_ids", new Long[] { 7L, 8L }).set("customer_legitimation", 80).set("intent_id", 12L)
                .insert();
        search(body(scope, null))
                .statusCode(200)
                .body("tickets[0].id", is((int) id))
                .body("tickets[0].subject", equalTo("compact"))
                .body("tickets[0]", not(hasKey("body")))
                .body("tickets[0]", not(hasKey("bodyPlain")))
                .body("tickets[0]", not(hasKey("bodyClean")))
                .body("tickets[0]", not(hasKey("attachments")))
                .body("tickets[0]", not(hasKey("template")))
                .body("tickets[0]", not(hasKey("workitem")))
                .body("tickets[0]", not(hasKey("rawData")))
                .body("tickets[0].customer.keySet()", containsInAnyOrder("tagIds", "tags"))
                .body("tickets[0].customerId", equalTo("4711"))
                .body("tickets[0].assignedAgentIds", contains(7, 8))
                .body("tickets[0].customerLegitimation", is(80))
                .body("tickets[0].intentId", is(12))
                .body("tickets[0].tagIds", contains(3, 9))
                .body("tickets[0].tags.id", contains(3, 9))
                .body("tickets[0].intents", empty())
                .body("tickets[0].createdAt", equalTo("2024-05-01 12:00:00"))
                .body("tickets[0].status", equalTo("open"))
                .body("tickets[0].interface", equalTo("internal"));
    }

    @Test
    void everyRoleOfTheTicketGroupMaySearchOthersGet403() {
        String scope = SearchFixtures.newScope();
        fixtures.ticket(scope).insert();
        for (String token : new String[] { TestTokens.admin(), TestTokens.agent(3), TestTokens.serviceWorker() }) {
            SearchFixtures.searchAs(token, body(scope, null)).statusCode(200).body("total", is(1));
        }
        SearchFixtures.searchAs(TestTokens.bearer(44, "updateAiAgent"), body(scope, null))
                .statusCode(403).body("success", is(false));
    }

    @Test
    void unknownKeysComparatorsAndValuesAre400NamingTheFilter() {
        String scope = SearchFixtures.newScope();
        search(body(scope, null, "{\"key\":\"t.nope\",\"comparator\":\"=\",\"value\":1}"))
                .statusCode(400).body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("filters[1].key"))
                .body("error", containsString("t.nope"));
        search(body(scope, null, "{\"key\":\"t.subject\",\"comparator\":\"like\",\"value\":\"%a%\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].key"));
        search(body(scope, null, "{\"key\":\"t.from\",\"comparator\":\"like\",\"value\":\"%a%\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].comparator"))
                .body("error", containsString("like"));
        search(body(scope, null, "{\"key\":\"t.status\",\"comparator\":\"in\",\"values\":[\"open\",\"sleeping\"]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].values[1]"))
                .body("error", containsString("sleeping"));
        search(body(scope, null, "{\"key\":\"t.agentId\",\"comparator\":\"=\",\"value\":\"five\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].value"))
                .body("error", containsString("t.agentId"));
        search(body(scope, null, "{\"key\":\"t.status\",\"comparator\":\"in\"}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].values"));
        search(body(scope, null, "{\"comparator\":\"in\",\"values\":[1]}"))
                .statusCode(400).body("details[0].field", equalTo("filters[1].key"));
    }

    @Test
    void keysWithoutDataHereAre400UnsupportedFilter() {
        String scope = SearchFixtures.newScope();
        for (String key : new String[] { "w.id", "qa.state", "t.partnerId", "t.modelRunAt", "t.responderId",
                "t.isCustomerActive" }) {
            search(body(scope, null, "{\"key\":\"" + key + "\",\"comparator\":\"in\",\"values\":[1]}"))
                    .statusCode(400).body("code", equalTo("unsupported_filter"))
                    .body("details[0].field", equalTo("filters[1].key"))
                    .body("error", containsString(key));
        }
        search(body(scope, null, "{\"key\":\"t.agentId\",\"comparator\":\"in\",\"values\":[\"team\"]}"))
                .statusCode(400).body("code", equalTo("unsupported_filter"))
                .body("details[0].field", equalTo("filters[1].values[0]"));
    }

    @Test
    void anEmptyBodySearchesEverythingWithDefaults() {
        given().header("Authorization", TestTokens.agent(7)).contentType("application/json").body("{}")
                .when().post("/api/mind/ticket/search")
                .then().statusCode(200).body("limit", is(100)).body("offset", is(0)).body("success", is(true))
                .body("tickets[0].id", not(nullValue()));
    }

    @Test
    void timesAreWrittenAsEnneoDoes() {
        String scope = SearchFixtures.newScope();
        fixtures.ticket(scope).set("due_by", Instant.parse("2024-06-01T08:30:00Z")).insert();
        search(body(scope, null)).statusCode(200).body("tickets[0].dueBy", equalTo("2024-06-01 08:30:00"))
                .body("tickets[0].closedAt", nullValue());
    }
}
