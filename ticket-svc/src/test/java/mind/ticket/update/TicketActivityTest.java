package mind.ticket.update;

import static mind.ticket.update.Tickets.as;
import static mind.ticket.update.Tickets.asAdmin;
import static mind.ticket.update.Tickets.asAgent;
import static mind.ticket.update.Tickets.create;
import static mind.ticket.update.Tickets.etag;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.ServiceBoundary;
import mind.common.testing.TestTokens;
import mind.ticket.service.TicketActivity;
import mind.ticket.service.TicketUpdates;

/** Activity, the internal events endpoint, worklog, history, variables and delete. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketActivityTest {

    @Inject
    AgroalDataSource dataSource;

    private static io.restassured.specification.RequestSpecification asService() {
        return as(TestTokens.serviceWorker());
    }

    @Test
    void activityListsEventsOldestFirstAndTechnicalOnesOnlyWhenAsked() {
        long id = create();
        asAgent(7).body("{\"priority\":\"high\",\"refreshMode\":\"full\"}").patch("/api/mind/ticket/" + id).then().statusCode(200);
        asService().body("{\"type\":\"callConnected\",\"data\":{\"channelId\":\"c-1\",\"agentId\":7}}")
                .post("/api/mind/ticket/" + id + "/events").then().statusCode(200)
                .body("success", is(true)).body("id", notNullValue());
        asService().body("{\"type\":\"aiProcessingStarted\",\"technical\":true}")
                .post("/api/mind/ticket/" + id + "/events").then().statusCode(200);

        asAgent(7).get("/api/mind/ticket/" + id + "/activity").then().statusCode(200)
                .body("success", is(true))
                .body("total", is(3))
                .body("activity.type", contains("created", "fieldChanged", "callConnected"))
                .body("activity[0].actorId", equalTo("7"))
                .body("activity[0].createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"))
                .body("activity[1].data.field", equalTo("priority"))
                .body("activity[2].actorId", equalTo("900"))
                .body("activity[2].data.channelId", equalTo("c-1"))
                .body("activity[2].technical", is(false));
        asAgent(7).queryParam("showTechnicalInformation", "true").get("/api/mind/ticket/" + id + "/activity")
                .then().statusCode(200)
                .body("total", is(5))
                .body("activity.type", contains("created", "fieldChanged", "refreshRequested", "callConnected",
                        "aiProcessingStarted"))
                .body("activity[2].data.mode", equalTo("full"))
                .body("activity[4].technical", is(true));
        asAgent(7).queryParam("limit", 2).queryParam("offset", 1).get("/api/mind/ticket/" + id + "/activity")
                .then().statusCode(200).body("activity.type", contains("fieldChanged", "callConnected"))
                .body("limit", is(2)).body("offset", is(1)).body("total", is(3));
    }

    @Test
    void activityIsBoundedAndKnowsItsTicket() {
        long id = create();
        asAgent(7).queryParam("limit", 501).get("/api/mind/ticket/" + id + "/activity")
                .then().statusCode(400).body("details[0].field", equalTo("limit"));
        asAgent(7).queryParam("offset", -1).get("/api/mind/ticket/" + id + "/activity")
                .then().statusCode(400).body("details[0].field", equalTo("offset"));
        asAgent(7).queryParam("showTechnicalInformation", "yes").get("/api/mind/ticket/" + id + "/activity")
                .then().statusCode(400).body("details[0].field", equalTo("showTechnicalInformation"));
        asAgent(7).get("/api/mind/ticket/999999999/activity").then().statusCode(404).body("code", equalTo("not_found"));
        asAgent(7).get("/api/mind/ticket/999999999/worklog").then().statusCode(404);
        asAgent(7).get("/api/mind/ticket/999999999/history").then().statusCode(404);
        asAgent(7).get("/api/mind/ticket/999999999/variables").then().statusCode(404);
    }

    @Test
    void appendingEventsIsForServicesOnlyAndValidated() {
        long id = create();
        String path = "/api/mind/ticket/" + id + "/events";
        asAgent(7).body("{\"type\":\"callConnected\"}").post(path).then().statusCode(403);
        asAdmin().body("{\"type\":\"callConnected\"}").post(path).then().statusCode(403);
        asService().body("{}").post(path).then().statusCode(400).body("details[0].field", equalTo("type"));
        asService().body("{\"type\":\"Call connected\"}").post(path).then().statusCode(400).body("details[0].field", equalTo("type"));
        asService().body("{\"type\":\"" + "a".repeat(65) + "\"}").post(path).then().statusCode(400)
                .body("details[0].field", equalTo("type"));
        asService().body("{\"type\":\"fieldChanged\",\"data\":{\"field\":\"status\"}}").post(path).then().statusCode(400)
                .body("details[0].field", equalTo("type"));
        asService().body("{\"type\":\"callConnected\",\"data\":[1]}").post(path).then().statusCode(400)
                .body("details[0].field", equalTo("data"));
        asService().body("{\"type\":\"callConnected\",\"data\":{\"t\":\"" + "x".repeat(17_000) + "\"}}").post(path)
                .then().statusCode(400).body("details[0].field", equalTo("data"));
        asService().body("{\"type\":\"callConnected\",\"technical\":\"yes\"}").post(path).then().statusCode(400)
                .body("details[0].field", equalTo("technical"));
        asService().body("{\"type\":\"callConnected\"}").post("/api/mind/ticket/999999999/events").then().statusCode(404);
        asAdmin().get("/api/mind/ticket/" + id + "/activity").then().body("total", is(1));
    }

    @Test
    void appendingHonoursIdempotencyKey() {
        long id = create();
        String key = UUID.randomUUID().toString();
        String path = "/api/mind/ticket/" + id + "/events";
        int first = asService().header("Idempotency-Key", key).body("{\"type\":\"callCompleted\",\"data\":{\"s\":12}}")
                .post(path).then().statusCode(200).extract().path("id");
        asService().header("Idempotency-Key", key).body("{\"data\":{\"s\":12},\"type\":\"callCompleted\"}")
                .post(path).then().statusCode(200).header("Idempotent-Replayed", "true").body("id", is(first));
        asService().header("Idempotency-Key", key).body("{\"type\":\"callCompleted\",\"data\":{\"s\":13}}")
                .post(path).then().statusCode(422);
        asAdmin().get("/api/mind/ticket/" + id + "/activity").then().body("total", is(2));
    }

    @Test
    void eventsReportedWithTheTicketFollowItsCreatedEntryOnce() throws Exception {
        String channelId = "call-" + UUID.randomUUID();
        String body = "{\"channel\":\"phone\",\"channelId\":\"" + channelId + "\",\"events\":["
                + "{\"type\":\"callReceived\",\"data\":{\"queueId\":5,\"status\":\"waitingForAgent\"}},"
                + "{\"type\":\"routingStarted\",\"technical\":true}]}";
        String key = UUID.randomUUID().toString();
        int id = asService().header("Idempotency-Key", key).body(body).post("/api/mind/ticket").then().statusCode(200)
                .extract().path("id");
        asService().header("Idempotency-Key", key).body(body).post("/api/mind/ticket").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", is(id));

        asAgent(7).queryParam("showTechnicalInformation", "true").get("/api/mind/ticket/" + id + "/activity")
                .then().statusCode(200)
                .body("activity.type", contains("created", "callReceived", "routingStarted"))
                .body("activity[1].actorId", equalTo("900"))
                .body("activity[1].data.queueId", is(5))
                .body("activity[1].data.status", equalTo("waitingForAgent"))
                .body("activity[1].technical", is(false))
                .body("activity[2].technical", is(true))
                .body("activity[2].data.size()", is(0));
    }

    @Test
    void eventsWithATicketAreForServicesOnlyAndValidatedBeforeAnythingIsWritten() throws Exception {
        String channelId = "call-" + UUID.randomUUID();
        String path = "/api/mind/ticket";
        String event = "{\"type\":\"callReceived\"}";
        asAgent(7).body(ticketWith(channelId, event)).post(path).then().statusCode(403).body("code", equalTo("forbidden"));
        asAdmin().body(ticketWith(channelId, event)).post(path).then().statusCode(403);
        asService().body(ticketWith(channelId, event + ",{\"type\":\"created\"}")).post(path).then().statusCode(400)
                .body("details[0].field", equalTo("events[1].type"));
        asService().body(ticketWith(channelId, "{\"type\":\"Call received\"}")).post(path).then().statusCode(400)
                .body("details[0].field", matchesPattern("events\\[0\\]\\.type"));
        asService().body(ticketWith(channelId, "{\"type\":\"callReceived\",\"data\":[1]}")).post(path).then()
                .statusCode(400).body("details[0].field", matchesPattern("events\\[0\\]\\.data"));
        asService().body(ticketWith(channelId, String.join(",", java.util.Collections.nCopies(11, event)))).post(path)
                .then().statusCode(400).body("details[0].field", equalTo("events"));
        assertEquals(0, ticketsOfChannel(channelId), "a refused ticket leaves nothing behind");
        asAgent(7).body(ticketWith(channelId, "")).post(path).then().statusCode(200);
        assertEquals(1, ticketsOfChannel(channelId));
    }

    private static String ticketWith(String channelId, String events) {
        return "{\"channel\":\"phone\",\"channelId\":\"" + channelId + "\",\"events\":[" + events + "]}";
    }

    @Test
    void worklogHoldsTheChangesThatCount() {
        long id = create();
        asAgent(7).body("{\"priority\":\"high\",\"addTagIds\":[4]}").patch("/api/mind/ticket/" + id).then().statusCode(200);
        asAgent(7).queryParam("includeInWorklog", "false").body("{\"status\":\"closed\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200);
        asAgent(7).get("/api/mind/ticket/" + id + "/worklog").then().statusCode(200)
                .body("success", is(true)).body("total", is(2))
                .body("worklog.type", contains("fieldChanged", "tagsChanged"))
                .body("worklog[0].actorId", equalTo("7"));
    }

    @Test
    void historyListsTheOtherTicketsOfTheCustomerAndContractNewestFirst() {
        String customer = "K-" + UUID.randomUUID();
        String contract = "V-" + UUID.randomUUID();
        long older = create("\"customerId\":\"" + customer + "\",\"createdAt\":\"2023-01-06 21:19:26\",\"subject\":\"older\","
                + "\"status\":\"closed\",\"channel\":\"phone\",\"subchannelId\":4");
        long byContract = create("\"contractId\":\"" + contract + "\",\"createdAt\":\"2024-01-01 00:00:00\"");
        long current = create("\"customerId\":\"" + customer + "\",\"contractId\":\"" + contract + "\"");
        create("\"customerId\":\"someone else\"");

        asAgent(7).get("/api/mind/ticket/" + current + "/history").then().statusCode(200)
                .body("success", is(true))
                .body("total", is(2))
                .body("totalOpenedTickets", is(1))
                .body("history.id", contains((int) byContract, (int) older))
                .body("history[1].type", equalTo("ticket"))
                .body("history[1].channel", equalTo("phone"))
                .body("history[1].subchannelId", is(4))
                .body("history[1].subChannel", nullValue())
                .body("history[1].status", equalTo("closed"))
                .body("history[1].subject", equalTo("older"))
                .body("history[1].url", nullValue())
                .body("history[1].createdAt", is((int) Instant.parse("2023-01-06T21:19:26Z").getEpochSecond()));
        asAgent(7).queryParam("limit", 1).queryParam("offset", 1).get("/api/mind/ticket/" + current + "/history")
                .then().statusCode(200).body("total", is(2)).body("history.id", contains((int) older));
        asAgent(7).queryParam("limit", 1001).get("/api/mind/ticket/" + current + "/history").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
        long alone = create();
        asAgent(7).get("/api/mind/ticket/" + alone + "/history").then().statusCode(200)
                .body("total", is(0)).body("history", hasSize(0));
    }

    @Test
    void variablesCarryTheTicketAndTheIdsAround() {
        long id = create("\"contractId\":\"C-9\",\"customerId\":\"K-9\",\"subject\":\"Umzug\"");
        asAgent(7).body("{\"intentId\":33}").patch("/api/mind/ticket/" + id).then().statusCode(200);
        asAgent(12).get("/api/mind/ticket/" + id + "/variables").then().statusCode(200)
                .body("success", is(true))
                .body("variables.in.id", is((int) id))
                .body("variables.in.subject", equalTo("Umzug"))
                .body("variables.in.success", nullValue())
                .body("variables.contract.id", equalTo("C-9"))
                .body("variables.customer.id", equalTo("K-9"))
                .body("variables.profile.id", is(12))
                .body("variables.intent.id", is(33));
        long bare = create();
        asAgent(12).get("/api/mind/ticket/" + bare + "/variables").then().statusCode(200)
                .body("variables.contract.id", nullValue())
                .body("variables.intent.size()", is(0));
    }

    @Test
    void deleteIsAdminOnlyHonoursIfMatchAndTakesTheEventsAlong() throws Exception {
        long id = create();
        asAgent(7).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id).then().statusCode(200);
        asAgent(7).delete("/api/mind/ticket/" + id).then().statusCode(403);
        asService().delete("/api/mind/ticket/" + id).then().statusCode(403);
        asAdmin().header("If-Match", "\"0\"").delete("/api/mind/ticket/" + id).then().statusCode(412)
                .body("code", equalTo("precondition_failed"));
        asAdmin().header("If-Match", etag(id)).delete("/api/mind/ticket/" + id).then().statusCode(200)
                .body("success", is(true));
        asAdmin().get("/api/mind/ticket/" + id).then().statusCode(404);
        asAdmin().delete("/api/mind/ticket/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        asAgent(7).body("{\"priority\":\"low\"}").patch("/api/mind/ticket/" + id).then().statusCode(404);
        assertEquals(0, eventRows(id));
    }

    private long eventRows(long id) throws Exception {
        return count("select count(*) from ticket_event where ticket_id = ?", id);
    }

    private long ticketsOfChannel(String channelId) throws Exception {
        return count("select count(*) from ticket where channel_id = ?", channelId);
    }

    private long count(String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void servicesReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(TicketUpdates.class, TicketActivity.class);
    }

    @Test
    void readsAreOpenToServices() {
        long id = create();
        List.of("activity", "worklog", "history", "variables").forEach(p ->
                asService().get("/api/mind/ticket/" + id + "/" + p).then().statusCode(200));
    }
}
