package mind.ticket.update;

import static mind.ticket.update.Tickets.as;
import static mind.ticket.update.Tickets.asAdmin;
import static mind.ticket.update.Tickets.asAgent;
import static mind.ticket.update.Tickets.create;
import static mind.ticket.update.Tickets.etag;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.events.TicketReassigned;
import mind.ticket.support.ReassignmentRecorder;

/** PATCH /ticket/{ticketId}: fields, rules, answers, roles and the event log it writes. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketUpdateTest {

    @Inject
    ReassignmentRecorder reassignments;

    private static String future() {
        return Long.toString(Instant.now().plus(3, ChronoUnit.DAYS).getEpochSecond());
    }

    @Test
    void patchChangesTheFieldsAndAnswersTheNestedTicketWithItsNewVersion() {
        long id = create("\"tags\":[5]");
        String before = etag(id);
        String due = "2030-01-02 03:04:05";
        var response = asAgent(7).body("""
                {"status":"waitingOnCustomer","priority":"high","agentId":7,"assignedAgentIds":[9,8,9],
                 "dueBy":"2030-01-02T03:04:05Z","firstResponseDueBy":1893553445,"tagIds":[3,1,3],
                 "contractId":"C-1","customerId":"K-1","customerLegitimation":2,"aiSupportLevel":"bot",
                 "spamStatus":"manual_clean","additionalData":{"markedAsSafe":"true"},"intentId":12,"isSync":true,
                 "refreshMode":"tags","workedOnBy":null,"subject":"ignored"}""")
                .patch("/api/mind/ticket/" + id);
        response.then().statusCode(200)
                .body("success", is(true))
                .body("ticket.id", is((int) id))
                .body("ticket.status", equalTo("waitingOnCustomer"))
                .body("ticket.priority", equalTo("high"))
                .body("ticket.agentId", is(7))
                .body("ticket.assignedAgentIds", contains(8, 9))
                .body("ticket.dueBy", equalTo(due))
                .body("ticket.firstResponseDueBy", equalTo("2030-01-02 03:04:05"))
                .body("ticket.tagIds", contains(1, 3))
                .body("ticket.contractId", equalTo("C-1"))
                .body("ticket.customerId", equalTo("K-1"))
                .body("ticket.customerLegitimation", is(2))
                .body("ticket.aiSupportLevel", equalTo("bot"))
                .body("ticket.spamStatus", equalTo("manual_clean"))
                .body("ticket.additionalData.markedAsSafe", equalTo("true"))
                .body("ticket.intentId", is(12))
                .body("ticket.subject", nullValue())
                .body("ticket.modifiedAt", notNullValue())
                .body("ticket", not(hasKey("success")));
        String after = response.header("ETag");
        assertNotEquals(before, after);
        assertEquals(after, etag(id), "the answer's ETag is the version GET reports");
    }

    @Test
    void everyChangedFieldIsInTheActivityWithOldNewAndActor() {
        long id = create("\"priority\":\"low\",\"tags\":[1,2]");
        asAgent(21).body("{\"priority\":\"urgent\",\"status\":\"closed\",\"addTagIds\":[4],\"removeTagIds\":[1]}")
                .patch("/api/mind/ticket/" + id).then().statusCode(200)
                .body("ticket.tagIds", contains(2, 4))
                .body("ticket.closedAt", notNullValue());
        JsonPath activity = asAdmin().get("/api/mind/ticket/" + id + "/activity").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> events = activity.getList("activity");
        assertEquals("created", events.get(0).get("type"));
        assertTrue(events.stream().anyMatch(e -> e.get("type").equals("fieldChanged") && "21".equals(e.get("actorId"))
                && data(e).equals(Map.of("field", "priority", "old", "low", "new", "urgent", "includeInWorklog", true))),
                events.toString());
        assertTrue(events.stream().anyMatch(e -> e.get("type").equals("statusChanged")
                && data(e).equals(Map.of("old", "open", "new", "closed"))), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.get("type").equals("tagsChanged")
                && data(e).get("added").equals(List.of(4)) && data(e).get("removed").equals(List.of(1))), events.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @Test
    void reopeningClearsClosedAt() {
        long id = create("\"status\":\"closed\"");
        asAgent(7).body("{\"status\":\"open\"}").patch("/api/mind/ticket/" + id).then().statusCode(200)
                .body("ticket.closedAt", nullValue());
    }

    @Test
    void additionalDataIsMergedAndNullRemovesAKey() {
        long id = create();
        asAgent(7).body("{\"additionalData\":{\"a\":\"1\",\"b\":{\"x\":2}}}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200);
        asAgent(7).body("{\"additionalData\":{\"a\":null,\"c\":true}}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200)
                .body("ticket.additionalData", equalTo(Map.of("b", Map.of("x", 2), "c", true)));
    }

    @Test
    void pendingNeedsAFutureDueBy() {
        long id = create();
        asAgent(7).body("{\"status\":\"pending\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("dueBy"));
        asAgent(7).body("{\"status\":\"pending\",\"dueBy\":\"2001-01-01 00:00:00\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("dueBy"));
        asAgent(7).body("{\"status\":\"pending\",\"dueBy\":" + future() + "}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200).body("ticket.status", equalTo("pending"));
        // already pending: clearing dueBy is refused, a future one already set suffices for a repeat
        asAgent(7).body("{\"dueBy\":null}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("dueBy"));
        asAgent(7).body("{\"status\":\"pending\"}").patch("/api/mind/ticket/" + id).then().statusCode(200);
    }

    @Test
    void directionIsImmutable() {
        long id = create();
        asAgent(7).body("{\"direction\":\"out\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("direction"));
        asAdmin().get("/api/mind/ticket/" + id).then().body("direction", equalTo("in"));
    }

    @Test
    void theStoredDirectionSentBackIsNoChangeAndKeepsTheVersion() {
        long id = create("\"priority\":\"high\"");
        String before = etag(id);
        // a whole ticket sent back: its own direction is accepted, changes nothing, writes no event
        asAgent(7).header("If-Match", before).body("{\"id\":" + id + ",\"direction\":\"in\",\"priority\":\"high\","
                + "\"channel\":\"email\",\"subject\":\"ignored\"}")
                .patch("/api/mind/ticket/" + id).then().statusCode(200)
                .header("ETag", equalTo(before)).body("ticket.direction", equalTo("in"))
                .body("ticket.modifiedAt", nullValue());
        // with a real change beside it the change is written and the version moves on, If-Match as usual
        String after = asAgent(7).header("If-Match", before).body("{\"direction\":\"in\",\"priority\":\"urgent\"}")
                .patch("/api/mind/ticket/" + id).then().statusCode(200)
                .body("ticket.priority", equalTo("urgent")).extract().header("ETag");
        assertNotEquals(before, after);
        asAgent(7).header("If-Match", before).body("{\"direction\":\"in\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(412);
        // a different direction, null or a non-name is still refused and changes nothing
        asAgent(7).body("{\"direction\":null}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("direction"));
        asAgent(7).body("{\"direction\":\"IN\",\"priority\":\"low\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("direction"));
        JsonPath activity = asAdmin().get("/api/mind/ticket/" + id + "/activity").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> events = activity.getList("activity");
        assertEquals(List.of("created", "fieldChanged"), events.stream().map(e -> e.get("type")).toList(), events.toString());
        assertEquals(after, etag(id));
    }

    @Test
    void tagIdsWithAddOrRemoveIs400() {
        long id = create();
        asAgent(7).body("{\"tagIds\":[1],\"addTagIds\":[2]}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("tagIds"));
        asAgent(7).body("{\"tagIds\":[1],\"removeTagIds\":[2]}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("tagIds"));
        asAgent(7).body("{\"addTagIds\":[2],\"removeTagIds\":[2]}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("removeTagIds"));
    }

    @Test
    void invalidValuesAre400NamingTheField() {
        long id = create();
        String path = "/api/mind/ticket/" + id;
        asAgent(7).body("{\"status\":null}").patch(path).then().statusCode(400).body("details[0].field", equalTo("status"));
        asAgent(7).body("{\"status\":\"done\"}").patch(path).then().statusCode(400).body("details[0].field", equalTo("status"));
        asAgent(7).body("{\"priority\":null}").patch(path).then().statusCode(400).body("details[0].field", equalTo("priority"));
        asAgent(7).body("{\"aiSupportLevel\":null}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("aiSupportLevel"));
        asAgent(7).body("{\"spamStatus\":\"spam\"}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("spamStatus"));
        asAgent(7).body("{\"dueBy\":\"tomorrow\"}").patch(path).then().statusCode(400).body("details[0].field", equalTo("dueBy"));
        asAgent(7).body("{\"firstResponseDueBy\":\"x\"}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("firstResponseDueBy"));
        asAgent(7).body("{\"agentId\":\"seven\"}").patch(path).then().statusCode(400).body("details[0].field", equalTo("agentId"));
        asAgent(7).body("{\"customerLegitimation\":101}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("customerLegitimation"));
        asAgent(7).body("{\"contractId\":\"" + "9".repeat(65) + "\"}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("contractId"));
        asAgent(7).body("{\"customerId\":\"" + "9".repeat(65) + "\"}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("customerId"));
        asAgent(7).body("{\"tagIds\":[1,null]}").patch(path).then().statusCode(400).body("details[0].field", containsString("tagIds"));
        asAgent(7).body("{\"addTagIds\":" + numbers(101) + "}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("addTagIds"));
        asAgent(7).body("{\"assignedAgentIds\":" + numbers(101) + "}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("assignedAgentIds"));
        asAgent(7).body("{\"intentId\":\"x\"}").patch(path).then().statusCode(400).body("details[0].field", equalTo("intentId"));
        asAgent(7).body("{\"isSync\":\"x\"}").patch(path).then().statusCode(400).body("details[0].field", equalTo("isSync"));
        asAgent(7).body("{\"workedOnBy\":\"x\"}").patch(path).then().statusCode(400).body("details[0].field", equalTo("workedOnBy"));
        asAgent(7).body("{\"removeTagIds\":" + numbers(101) + "}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("removeTagIds"));
        asAgent(7).body("{\"refreshMode\":\"everything\"}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("refreshMode"));
        asAgent(7).body("{\"additionalData\":[1]}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("additionalData"));
        asAgent(7).body("{\"additionalData\":{\"big\":\"" + "x".repeat(17_000) + "\"}}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("additionalData"));
        asAgent(7).body("{\"id\":" + (id + 1) + ",\"priority\":\"high\"}").patch(path).then().statusCode(400)
                .body("details[0].field", equalTo("id"));
        asAgent(7).body("[]").patch(path).then().statusCode(400);
        asAdmin().get(path).then().body("priority", equalTo("low")).body("modifiedAt", nullValue());
    }

    private static String numbers(int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            s.append(i == 1 ? "" : ",").append(i);
        }
        return s.append(']').toString();
    }

    @Test
    void theWholeAdditionalDataIsBoundedToo() {
        long id = create();
        String chunk = "x".repeat(15_000);
        for (int i = 0; i < 4; i++) {
            asAgent(7).body("{\"additionalData\":{\"k" + i + "\":\"" + chunk + "\"}}").patch("/api/mind/ticket/" + id)
                    .then().statusCode(200);
        }
        asAgent(7).body("{\"additionalData\":{\"k4\":\"" + chunk + "\"}}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("additionalData"));
    }

    @Test
    void reassigningAnotherAgentsTicketNeedsForce() {
        long id = create("\"agentId\":31");
        asAgent(32).body("{\"agentId\":32}").patch("/api/mind/ticket/" + id)
                .then().statusCode(409).body("code", equalTo("agent_reassignment_not_forced"));
        asAgent(32).body("{\"agentId\":null}").patch("/api/mind/ticket/" + id).then().statusCode(409);
        asAdmin().get("/api/mind/ticket/" + id).then().body("agentId", is(31));
        assertTrue(reassignments.of(id).isEmpty(), "a refused reassignment fires nothing");

        asAgent(32).queryParam("forceAgentReassignment", "true").body("{\"agentId\":32}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200).body("ticket.agentId", is(32));
        // the holder may hand it on without force
        asAgent(32).body("{\"agentId\":null}").patch("/api/mind/ticket/" + id).then().statusCode(200)
                .body("ticket.agentId", nullValue());
        // setting the same agent again is no reassignment
        asAgent(32).body("{\"agentId\":null}").patch("/api/mind/ticket/" + id).then().statusCode(200);

        List<ReassignmentRecorder.Seen> seen = reassignments.of(id);
        assertEquals(List.of(new TicketReassigned(id, "31", "32"), new TicketReassigned(id, "32", null)),
                seen.stream().map(ReassignmentRecorder.Seen::event).toList());
        assertTrue(seen.stream().allMatch(ReassignmentRecorder.Seen::inTransaction), "observers run inside the change's transaction");
    }

    @Test
    void forceAgentReassignmentMustBeABoolean() {
        long id = create();
        asAgent(7).queryParam("forceAgentReassignment", "yes").body("{}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("forceAgentReassignment"));
        asAgent(7).queryParam("includeInWorklog", "maybe").body("{}").patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("includeInWorklog"));
    }

    @Test
    void rolesAdminAgentOrUpdateTicketPermission() {
        long id = create();
        as(TestTokens.serviceWorker()).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        as(TestTokens.bearer(900, "serviceWorker", "updateTicket")).body("{\"priority\":\"high\"}")
                .patch("/api/mind/ticket/" + id).then().statusCode(200);
        asAdmin().body("{\"priority\":\"medium\"}").patch("/api/mind/ticket/" + id).then().statusCode(200)
                .body("ticket.priority", equalTo("medium"));
    }

    @Test
    void unknownTicketIs404() {
        asAgent(7).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/999999999")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void ifMatchWithAnOldVersionIs412AndWithTheCurrentOneSucceeds() {
        long id = create();
        String current = etag(id);
        String next = asAgent(7).header("If-Match", current).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200).extract().header("ETag");
        asAgent(7).header("If-Match", current).body("{\"priority\":\"urgent\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        asAgent(7).header("If-Match", "W/" + next).body("{\"priority\":\"urgent\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(412);
        asAgent(7).header("If-Match", "*").body("{\"priority\":\"medium\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200);
        asAdmin().get("/api/mind/ticket/" + id).then().body("priority", equalTo("medium"));
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersion() {
        long id = create("\"priority\":\"high\"");
        String before = etag(id);
        asAgent(7).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id).then().statusCode(200)
                .header("ETag", equalTo(before)).body("ticket.modifiedAt", nullValue());
    }
}
