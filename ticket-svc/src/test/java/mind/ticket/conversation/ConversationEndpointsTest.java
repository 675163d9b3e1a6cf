package mind.ticket.conversation;

import static io.restassured.RestAssured.given;
import static mind.ticket.conversation.Fixtures.AGENT;
import static mind.ticket.conversation.Fixtures.as;
import static mind.ticket.conversation.Fixtures.base;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import mind.ticket.search.SettingsServiceStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** GET, store, PATCH and DELETE of conversations: shapes, filters, roles, 404, 409, 412, events. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
// settings-svc: the same resources as AutoProcessableTest, so that they share one application
@WithTestResource(SettingsServiceStub.class)
class ConversationEndpointsTest {

    @Inject
    AgroalDataSource db;

    private static String storeBody(String from, String external) {
        return "{\"direction\":\"in\",\"from\":\"" + from + "\",\"subject\":\"Meter\",\"body\":\"<p>Hello<br>again</p>\","
                + "\"to\":[\"support@mind.local\"],\"ccEmails\":[\"cc@example.com\"],\"type\":\"email\","
                + "\"createdAt\":\"2030-01-02 03:04:05\",\"externalConversationId\":\"" + external + "\","
                + "\"attachments\":[{\"name\":\"meter.png\",\"url\":\"https://files.example.com/meter.png\"}]}";
    }

    private static long store(long ticketId, String token, String body) {
        return ((Number) as(token).body(body).post(base(ticketId) + "/conversation/store")
                .then().statusCode(200).extract().path("conversation.id")).longValue();
    }

    @Test
    void storedMailIsListedAndReadWithItsShapeAndMovesTheTicketsMessageTimes() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Meter");
        as(TestTokens.serviceWorker()).body(storeBody(customer, "msg-" + UUID.randomUUID()))
                .post(base(ticketId) + "/conversation/store")
                .then().statusCode(200)
                .body("success", is(true))
                .body("conversation.ticketId", equalTo((int) ticketId))
                .body("conversation.type", equalTo("email"))
                .body("conversation.direction", equalTo("in"))
                .body("conversation.private", is(false))
                .body("conversation.isDraft", is(false))
                .body("conversation.from", equalTo(customer))
                .body("conversation.bodyPlain", equalTo("Hello\nagain"))
                .body("conversation.ccEmails", contains("cc@example.com"))
                .body("conversation.attachments[0].name", equalTo("meter.png"))
                .body("conversation.createdAt", equalTo(1893553445));

        Response list = given().header("Authorization", AGENT).get(base(ticketId) + "/conversation");
        list.then().statusCode(200)
                .body("success", is(true))
                .body("conversations.size()", is(1))
                .body("conversations[0]", hasKey("id"))
                .body("conversations[0].type", equalTo("email"))
                .body("conversations[0].direction", equalTo("in"))
                .body("conversations[0].from", equalTo(customer))
                .body("conversations[0].createdAt", equalTo(1893553445))
                .body("conversations[0].private", is(false))
                .body("conversations[0].body", equalTo("<p>Hello<br>again</p>"))
                .body("conversations[0]", not(hasKey("rawData")));
        int id = list.path("conversations[0].id");

        given().header("Authorization", TestTokens.serviceWorker()).get(base(ticketId) + "/conversation/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("success", is(true))
                .body("id", equalTo(id))
                .body("subject", equalTo("Meter"));

        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket where id = ? "
                + "and last_customer_message_at = timestamptz '2030-01-02 03:04:05Z' and last_message_at = last_customer_message_at", ticketId));
        assertTrue(Fixtures.events(db, ticketId).contains("conversationAdded"));
    }

    @Test
    void theConversationPathsRouteNextToTheTicketItself() {
        long ticketId = Fixtures.emailTicket(Fixtures.address("c"), "Routing");
        given().header("Authorization", AGENT).get(base(ticketId))
                .then().statusCode(200).body("id", equalTo((int) ticketId)).body("subject", equalTo("Routing"));
        given().header("Authorization", AGENT).get(base(ticketId) + "/conversation")
                .then().statusCode(200).body("conversations", empty());
        as(AGENT).body("{}").post(base(ticketId) + "/forward")
                .then().statusCode(400).body("details.field", hasItem("toEmail"));
        as(AGENT).post(base(ticketId) + "/autoexecute")
                .then().statusCode(400).body("details.field", hasItem("executeAgentId"));
    }

    @Test
    void storeIsIdempotentOnExternalConversationIdEvenInParallel() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Dup");
        String body = storeBody(customer, "ext-" + UUID.randomUUID());
        List<Integer> ids = Concurrently.run(6, () -> as(TestTokens.serviceWorker()).body(body)
                .post(base(ticketId) + "/conversation/store").then().statusCode(200).extract().path("conversation.id"));
        assertEquals(1, Set.copyOf(ids).size(), "every request answers the one stored message: " + ids);
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
        // the same id on another ticket is another message
        long other = Fixtures.emailTicket(customer, "Other");
        store(other, TestTokens.serviceWorker(), body);
    }

    @Test
    void messagesStoredOnOneTicketAtOnceAreAllKept() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Parallel");
        List<Integer> statuses = Concurrently.run(8, () -> as(TestTokens.serviceWorker())
                .body(storeBody(customer, "p-" + UUID.randomUUID())).post(base(ticketId) + "/conversation/store")
                .then().extract().statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses);
        assertEquals(8, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
    }

    @Test
    void storeChangesStatusAndPriorityOnlyForThoseWhoMayChangeTickets() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Status");
        String body = "{\"from\":\"" + customer + "\",\"body\":\"again\",\"status\":\"pending\",\"priority\":\"high\"}";
        as(TestTokens.serviceWorker()).body(body).post(base(ticketId) + "/conversation/store")
                .then().statusCode(403).body("code", equalTo("forbidden"));
        String mayChange = TestTokens.bearer(901, "serviceWorker", "updateTicket");
        // pending needs the ticket's dueBy ahead, as with PATCH; nothing is stored
        as(mayChange).body(body).post(base(ticketId) + "/conversation/store")
                .then().statusCode(400).body("details[0].field", equalTo("status"));
        assertEquals(0, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
        as(AGENT).body("{\"dueBy\":\"2099-01-01 00:00:00\"}").patch(base(ticketId)).then().statusCode(200);
        as(mayChange).body(body).post(base(ticketId) + "/conversation/store")
                .then().statusCode(200).body("conversation.type", equalTo("email"));
        given().header("Authorization", AGENT).get(base(ticketId))
                .then().statusCode(200).body("status", equalTo("pending")).body("priority", equalTo("high"));
        // the events a PATCH of the two fields writes, in the worklog's shape
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket_event where ticket_id = ? and type = 'fieldChanged' "
                + "and data->>'field' = 'status' and data->>'old' = 'open' and data->>'new' = 'pending' "
                + "and (data->>'includeInWorklog')::boolean", ticketId));
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket_event where ticket_id = ? and type = 'fieldChanged' "
                + "and data->>'field' = 'priority' and data->>'old' = 'low' and data->>'new' = 'high'", ticketId));
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket_event where ticket_id = ? and type = 'statusChanged' "
                + "and data->>'old' = 'open' and data->>'new' = 'pending'", ticketId));
        given().header("Authorization", AGENT).get(base(ticketId) + "/worklog").then().statusCode(200)
                .body("worklog.findAll { it.data.field == 'status' }.size()", is(1));
    }

    @Test
    void filtersTakeOneValueOrSeveralInEveryArrayForm() {
        String customer = Fixtures.address("customer");
        String colleague = Fixtures.address("colleague");
        long ticketId = Fixtures.emailTicket(customer, "Filters");
        store(ticketId, TestTokens.serviceWorker(), "{\"from\":\"" + customer + "\",\"body\":\"in\"}");
        as(TestTokens.agent(7)).body("{\"content\":{\"message\":\"internal\"},\"type\":\"note\"}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(200);
        as(TestTokens.agent(8)).body("{\"content\":{\"message\":\"chat out\"},\"type\":\"chat\",\"to\":[\"" + colleague + "\"]}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(200);
        String url = base(ticketId) + "/conversation";

        assertEquals(List.of("note"), types(url + "?type=note"));
        assertEquals(List.of("email", "note"), types(url + "?type[]=email&type[]=note"));
        assertEquals(List.of("note", "chat"), types(url + "?type=note&type=chat"));
        assertEquals(List.of("email"), types(url + "?direction=in"));
        assertEquals(List.of("note"), types(url + "?private=true"));
        assertEquals(List.of("email", "chat"), types(url + "?private[0]=false"));
        assertEquals(List.of("note"), types(url + "?senderId=7"));
        assertEquals(List.of("note", "chat"), types(url + "?senderId[]=7&senderId[]=8"));
        assertEquals(List.of("chat"), types(url + "?toId=" + colleague));
        assertEquals(List.of("email"), types(url + "?direction=in&type=email&includeRawData=true&contentTranslationLanguage=de"));
        assertEquals(List.of("note"), types(url + "?limit=1&offset=1"));

        given().header("Authorization", AGENT).get(url + "?type=sms")
                .then().statusCode(400).body("details[0].field", equalTo("type"));
        given().header("Authorization", AGENT).get(url + "?type[]=email&type[]=fax")
                .then().statusCode(400).body("details[0].field", equalTo("type[]"));
        given().header("Authorization", AGENT).get(url + "?senderId=seven")
                .then().statusCode(400).body("details[0].field", equalTo("senderId"));
        given().header("Authorization", AGENT).get(url + "?private=maybe")
                .then().statusCode(400).body("details[0].field", equalTo("private"));
        given().header("Authorization", AGENT).get(url + "?limit=ten")
                .then().statusCode(400).body("details[0].field", equalTo("limit"));
        given().header("Authorization", AGENT).get(url + "?limit=1001")
                .then().statusCode(400).body("details[0].field", equalTo("limit"));
        given().header("Authorization", AGENT).get(url + "?includeRawData=maybe")
                .then().statusCode(400).body("details[0].field", equalTo("includeRawData"));
    }

    @Test
    void withoutALimitTheWholeLongThreadIsListedAndTotalCountsEveryMatch() {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Long thread");
        int messages = 130;
        for (int i = 0; i < messages; i++) {
            store(ticketId, TestTokens.serviceWorker(), "{\"from\":\"" + customer + "\",\"body\":\"m" + i + "\"}");
        }
        as(TestTokens.agent(7)).body("{\"content\":{\"message\":\"internal\"},\"type\":\"note\"}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(200);
        String url = base(ticketId) + "/conversation";

        // clients send no limit: every message comes back, the newest included
        var all = given().header("Authorization", AGENT).get(url).then().statusCode(200)
                .body("total", is(messages + 1)).extract().jsonPath();
        List<String> bodies = all.getList("conversations.body", String.class);
        assertEquals(messages + 1, bodies.size());
        assertEquals("m0", bodies.get(0));
        assertEquals("m" + (messages - 1), bodies.get(messages - 1));
        assertEquals("note", all.getString("conversations[" + messages + "].type"));

        // explicit paging still pages; total is every match whatever the page
        given().header("Authorization", AGENT).get(url + "?limit=10").then().statusCode(200)
                .body("conversations.size()", is(10)).body("total", is(messages + 1))
                .body("conversations[0].body", equalTo("m0"));
        given().header("Authorization", AGENT).get(url + "?limit=10&offset=125").then().statusCode(200)
                .body("conversations.type", contains("email", "email", "email", "email", "email", "note"))
                .body("conversations[0].body", equalTo("m125"))
                .body("total", is(messages + 1));
        given().header("Authorization", AGENT).get(url + "?offset=500").then().statusCode(200)
                .body("conversations", empty()).body("total", is(messages + 1));
        // total follows the filters
        given().header("Authorization", AGENT).get(url + "?type=note&limit=1").then().statusCode(200)
                .body("conversations.size()", is(1)).body("total", is(1));
        given().header("Authorization", AGENT).get(url + "?direction=in&limit=1000").then().statusCode(200)
                .body("conversations.size()", is(messages)).body("total", is(messages));
    }

    private static List<String> types(String url) {
        return given().header("Authorization", AGENT).get(url).then().statusCode(200).extract()
                .jsonPath().getList("conversations.type", String.class);
    }

    @Test
    void unknownTicketsAndConversationsOfOtherTicketsAre404() {
        long ticketId = Fixtures.emailTicket(Fixtures.address("c"), "404");
        long other = Fixtures.emailTicket(Fixtures.address("c"), "404 other");
        long cid = store(other, AGENT, "{\"body\":\"x\"}");
        given().header("Authorization", AGENT).get("/api/mind/ticket/999999999/conversation")
                .then().statusCode(404).body("code", equalTo("not_found"));
        given().header("Authorization", AGENT).get(base(ticketId) + "/conversation/" + cid)
                .then().statusCode(404).body("code", equalTo("not_found"));
        as(AGENT).body("{\"body\":\"x\"}").post("/api/mind/ticket/999999999/conversation/store").then().statusCode(404);
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"isDraft\":false}").patch(base(ticketId) + "/conversation/" + cid)
                .then().statusCode(404);
        given().header("Authorization", AGENT).delete(base(ticketId) + "/conversation/" + cid).then().statusCode(404);
        given().header("Authorization", AGENT).delete(base(other) + "/conversation/99999999").then().statusCode(404);
    }

    @Test
    void rolesThatMayNot() {
        long ticketId = Fixtures.emailTicket(Fixtures.address("c"), "Roles");
        long note = ((Number) as(AGENT).body("{\"content\":{\"message\":\"n\"},\"private\":true}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(200).extract().path("conversation.id")).longValue();
        String nobody = TestTokens.bearer(55, "updateAiAgent");
        given().header("Authorization", nobody).get(base(ticketId) + "/conversation").then().statusCode(403);
        given().header("Authorization", nobody).get(base(ticketId) + "/conversation/" + note).then().statusCode(403);
        as(nobody).body("{\"body\":\"x\"}").post(base(ticketId) + "/conversation/store").then().statusCode(403);
        String worker = TestTokens.serviceWorker();
        as(worker).body("{\"content\":{\"message\":\"x\"}}").post(base(ticketId) + "/conversation/reply").then().statusCode(403);
        as(worker).body("{\"content\":{\"message\":\"x\"}}").patch(base(ticketId) + "/conversation/" + note).then().statusCode(403);
        given().header("Authorization", worker).delete(base(ticketId) + "/conversation/" + note).then().statusCode(403);
        as(worker).body("{\"body\":\"x\",\"toEmail\":\"a@example.com\"}").post(base(ticketId) + "/forward").then().statusCode(403);
        as(worker).post(base(ticketId) + "/autoexecute?executeAgentId=1").then().statusCode(403);
        // nothing changed
        given().header("Authorization", AGENT).get(base(ticketId) + "/conversation")
                .then().statusCode(200).body("conversations.size()", is(1));
    }

    @Test
    void storeValidationNamesTheField() {
        long ticketId = Fixtures.emailTicket(Fixtures.address("c"), "Validation");
        String many = "[" + java.util.stream.IntStream.range(0, 51).mapToObj(i -> "\"a" + i + "@example.com\"")
                .collect(Collectors.joining(",")) + "]";
        as(AGENT).body("{\"body\":\"x\",\"to\":" + many + "}").post(base(ticketId) + "/conversation/store")
                .then().statusCode(400).body("details[0].field", equalTo("to"));
        as(AGENT).body("{\"body\":\"x\",\"attachments\":[{\"name\":\"a.txt\"}]}").post(base(ticketId) + "/conversation/store")
                .then().statusCode(400).body("details[0].field", containsString("attachments[0]"));
        as(AGENT).body("{\"body\":\"x\",\"type\":\"fax\"}").post(base(ticketId) + "/conversation/store")
                .then().statusCode(400).body("details[0].field", equalTo("type"));
        as(AGENT).body("{\"body\":\"x\",\"direction\":\"sideways\"}").post(base(ticketId) + "/conversation/store")
                .then().statusCode(400).body("details[0].field", equalTo("direction"));
        as(AGENT).body("{\"body\":\"" + "x".repeat(1_000_001) + "\"}").post(base(ticketId) + "/conversation/store")
                .then().statusCode(400).body("details[0].field", equalTo("body"));
        as(AGENT).body("{\"body\":\"" + "x".repeat(1_100_000) + "\"}").post(base(ticketId) + "/conversation/store")
                .then().statusCode(413);
    }

    @Test
    void notesAndDraftsAreEditedAndDeletedUnderIfMatchAndNothingElseIs() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Edit");
        long received = store(ticketId, TestTokens.serviceWorker(), "{\"from\":\"" + customer + "\",\"body\":\"in\"}");
        long note = ((Number) as(AGENT).body("{\"content\":{\"message\":\"<b>first</b>\"},\"type\":\"note\"}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(200)
                .body("conversation.type", equalTo("note"))
                .body("conversation.direction", equalTo("internal"))
                .body("conversation.private", is(true))
                .body("conversation.deliveryStatus", nullValue())
                .extract().path("conversation.id")).longValue();
        String url = base(ticketId) + "/conversation/" + note;
        String etag = given().header("Authorization", AGENT).get(url).then().statusCode(200).extract().header("ETag");

        as(AGENT).header("If-Match", etag).body("{\"content\":{\"message\":\"<b>second</b>\"}}").patch(url)
                .then().statusCode(200)
                .body("success", is(true))
                .body("conversation.body", equalTo("<b>second</b>"))
                .body("conversation.bodyPlain", equalTo("second"))
                .body("conversation.content.message", equalTo("<b>second</b>"))
                .body("conversation.modifiedAt", notNullValue());
        // the old tag no longer matches
        as(AGENT).header("If-Match", etag).body("{\"content\":{\"message\":\"third\"}}").patch(url)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        given().header("Authorization", AGENT).header("If-Match", etag).delete(url)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        as(AGENT).body("{\"content\":null}").patch(url).then().statusCode(400).body("details[0].field", equalTo("content"));

        as(AGENT).body("{\"content\":{\"message\":\"edited\"}}").patch(base(ticketId) + "/conversation/" + received)
                .then().statusCode(409).body("code", equalTo("conversation_not_editable"));
        given().header("Authorization", AGENT).delete(base(ticketId) + "/conversation/" + received)
                .then().statusCode(409).body("code", equalTo("conversation_not_editable"));

        String current = given().header("Authorization", AGENT).get(url).then().extract().header("ETag");
        given().header("Authorization", AGENT).header("If-Match", current).delete(url)
                .then().statusCode(200).body("success", is(true));
        given().header("Authorization", AGENT).get(url).then().statusCode(404);
        List<String> events = Fixtures.events(db, ticketId);
        assertTrue(events.containsAll(List.of("conversationAdded", "conversationChanged", "conversationDeleted")), events.toString());
    }
}
