package mind.ticket.update;

import static mind.ticket.update.Tickets.as;
import static mind.ticket.update.Tickets.asAdmin;
import static mind.ticket.update.Tickets.asAgent;
import static mind.ticket.update.Tickets.create;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** PATCH /ticket: per-item results, each item on its own by default, all or nothing with atomic=true. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketBulkUpdateTest {

    @Test
    void docsExampleClosesBothTickets() {
        long a = create();
        long b = create();
        asAgent(7).body("[{\"id\":" + a + ",\"status\":\"closed\"},{\"id\":" + b + ",\"status\":\"closed\"}]")
                .patch("/api/mind/ticket").then().statusCode(200)
                .body("success", is(true))
                .body("results", hasSize(2))
                .body("results[0].id", is((int) a)).body("results[0].success", is(true))
                .body("results[0].error", nullValue())
                .body("results[1].id", is((int) b)).body("results[1].success", is(true));
        asAdmin().get("/api/mind/ticket/" + a).then().body("status", equalTo("closed"));
        asAdmin().get("/api/mind/ticket/" + b).then().body("status", equalTo("closed"));
    }

    @Test
    void wholeTicketsSentBackWithTheirOwnDirectionAreAccepted() {
        long a = create();
        long b = create("\"direction\":\"out\"");
        asAgent(7).body("[{\"id\":" + a + ",\"direction\":\"in\",\"channel\":\"email\",\"status\":\"closed\"},"
                + "{\"id\":" + b + ",\"direction\":\"out\",\"channel\":\"email\",\"status\":\"closed\"},"
                + "{\"id\":" + b + ",\"direction\":\"in\",\"priority\":\"high\"}]")
                .patch("/api/mind/ticket").then().statusCode(200)
                .body("success", is(false))
                .body("results[0].success", is(true))
                .body("results[1].success", is(true))
                .body("results[2].success", is(false)).body("results[2].details[0].field", equalTo("direction"));
        asAdmin().get("/api/mind/ticket/" + a).then().body("status", equalTo("closed")).body("direction", equalTo("in"));
        asAdmin().get("/api/mind/ticket/" + b).then().body("status", equalTo("closed")).body("direction", equalTo("out"))
                .body("priority", equalTo("low"));
    }

    @Test
    void byDefaultAFailedItemLeavesTheOthersWritten() {
        long a = create();
        long b = create();
        asAgent(7).queryParam("includeInWorklog", "false").body("[{\"id\":" + a + ",\"priority\":\"high\"},"
                + "{\"id\":" + b + ",\"status\":\"pending\"},"
                + "{\"id\":999999999,\"priority\":\"high\"},"
                + "{\"priority\":\"high\"},"
                + "{\"id\":" + b + ",\"contractId\":\"" + "1".repeat(65) + "\"},"
                + "{\"id\":" + b + ",\"direction\":\"out\"}]")
                .patch("/api/mind/ticket").then().statusCode(200)
                .body("success", is(false))
                .body("results", hasSize(6))
                .body("results[0].success", is(true))
                .body("results[1].success", is(false)).body("results[1].code", equalTo("validation_failed"))
                .body("results[1].details[0].field", equalTo("dueBy"))
                .body("results[2].success", is(false)).body("results[2].code", equalTo("not_found"))
                .body("results[2].id", is(999999999))
                .body("results[3].id", nullValue()).body("results[3].details[0].field", equalTo("id"))
                .body("results[4].details[0].field", equalTo("contractId"))
                .body("results[5].details[0].field", equalTo("direction"));
        asAdmin().get("/api/mind/ticket/" + a).then().body("priority", equalTo("high"));
        asAdmin().get("/api/mind/ticket/" + b).then().body("status", equalTo("open"));
        // includeInWorklog=false keeps the change out of the worklog, not out of the activity
        asAdmin().get("/api/mind/ticket/" + a + "/worklog").then().statusCode(200).body("worklog", hasSize(0));
        asAdmin().get("/api/mind/ticket/" + a + "/activity").then().statusCode(200)
                .body("activity.find { it.type == 'fieldChanged' }.data.includeInWorklog", is(false));
    }

    @Test
    void atomicWritesNothingWhenAnItemFailsAndAnswersTheFirstFailuresStatus() {
        long a = create();
        long b = create("\"agentId\":55");
        asAgent(7).queryParam("atomic", "true").body("[{\"id\":" + a + ",\"priority\":\"urgent\"},"
                + "{\"id\":" + b + ",\"agentId\":7},"
                + "{\"id\":" + a + ",\"status\":\"pending\"}]")
                .patch("/api/mind/ticket").then().statusCode(409)
                .body("success", is(false))
                .body("code", equalTo("agent_reassignment_not_forced"))
                .body("error", containsString(Long.toString(b)))
                .body("results", hasSize(3))
                .body("results[0].success", is(false)).body("results[0].code", equalTo("not_applied"))
                .body("results[1].success", is(false)).body("results[1].code", equalTo("agent_reassignment_not_forced"))
                .body("results[2].code", equalTo("validation_failed"))
                .body("results[2].details[0].field", equalTo("dueBy"));
        asAdmin().get("/api/mind/ticket/" + a).then().body("priority", equalTo("low")).body("modifiedAt", nullValue());
        asAdmin().get("/api/mind/ticket/" + b).then().body("agentId", is(55));
        asAdmin().get("/api/mind/ticket/" + a + "/activity").then().body("activity", hasSize(1));

        asAgent(7).queryParam("atomic", "true").body("[{\"id\":" + a + ",\"status\":\"pending\"},{\"id\":999999999}]")
                .patch("/api/mind/ticket").then().statusCode(400).body("details[0].field", equalTo("dueBy"))
                .body("results[1].code", equalTo("not_found"));
    }

    @Test
    void atomicWritesEverythingWhenAllItemsSucceed() {
        long a = create();
        long b = create();
        asAgent(7).queryParam("atomic", "true").body("[{\"id\":" + b + ",\"priority\":\"urgent\"},"
                + "{\"id\":" + a + ",\"tagIds\":[2]},{\"id\":" + b + ",\"addTagIds\":[3]}]")
                .patch("/api/mind/ticket").then().statusCode(200).body("success", is(true)).body("results", hasSize(3));
        asAdmin().get("/api/mind/ticket/" + a).then().body("tagIds[0]", is(2));
        asAdmin().get("/api/mind/ticket/" + b).then().body("priority", equalTo("urgent")).body("tagIds[0]", is(3));
    }

    @Test
    void moreThanAHundredItemsIs413AndNoneIs400() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"priority\":\"high\"}");
        }
        body.append(']');
        asAgent(7).body(body.toString()).patch("/api/mind/ticket").then().statusCode(413)
                .body("code", equalTo("too_many_items")).body("details[0].field", equalTo("body"));
        asAgent(7).body("[]").patch("/api/mind/ticket").then().statusCode(400).body("details[0].field", equalTo("body"));
        asAgent(7).body("{\"id\":1}").patch("/api/mind/ticket").then().statusCode(400);
        asAgent(7).body("[{\"id\":1},").patch("/api/mind/ticket").then().statusCode(400).body("code", equalTo("malformed_json"));
        asAgent(7).queryParam("atomic", "sure").body("[{\"id\":1}]").patch("/api/mind/ticket").then().statusCode(400)
                .body("details[0].field", equalTo("atomic"));
    }

    @Test
    void aHugeArrayOfTinyItemsIs413Too() {
        // 300,000 items in 600 kB (under the body limit): refused as too many, not read item by item
        String body = "[" + "0,".repeat(299_999) + "0]";
        asAgent(7).body(body).patch("/api/mind/ticket").then().statusCode(413)
                .body("code", equalTo("too_many_items")).body("details[0].field", equalTo("body"));
    }

    @Test
    void anItemThatDoesNotBindFailsAloneNamingItsField() {
        long a = create();
        long b = create();
        long c = create();
        asAgent(7).body("[{\"id\":" + a + ",\"priority\":\"high\"},"
                + "{\"id\":" + b + ",\"status\":\"bogus\",\"priority\":\"high\"},"
                + "{\"id\":" + c + ",\"priority\":\"urgent\"}]")
                .patch("/api/mind/ticket").then().statusCode(200)
                .body("success", is(false))
                .body("results", hasSize(3))
                .body("results[0].id", is((int) a)).body("results[0].success", is(true))
                .body("results[1].id", is((int) b)).body("results[1].success", is(false))
                .body("results[1].code", equalTo("validation_failed"))
                .body("results[1].error", containsString("status"))
                .body("results[1].details", hasSize(1))
                .body("results[1].details[0].field", equalTo("status"))
                .body("results[1].details[0].message", containsString("closed"))
                .body("results[2].id", is((int) c)).body("results[2].success", is(true));
        asAdmin().get("/api/mind/ticket/" + a).then().body("priority", equalTo("high"));
        asAdmin().get("/api/mind/ticket/" + b).then().body("status", equalTo("open")).body("priority", equalTo("low"));
        asAdmin().get("/api/mind/ticket/" + c).then().body("priority", equalTo("urgent"));
    }

    @Test
    void atomicRefusesTheWholeBatchForAnItemThatDoesNotBind() {
        long a = create();
        long b = create();
        long c = create();
        asAgent(7).queryParam("atomic", "true").body("[{\"id\":" + a + ",\"priority\":\"high\"},"
                + "{\"id\":" + b + ",\"status\":\"bogus\"},"
                + "{\"id\":" + c + ",\"priority\":\"urgent\"}]")
                .patch("/api/mind/ticket").then().statusCode(400)
                .body("success", is(false))
                .body("code", equalTo("validation_failed"))
                .body("error", containsString(Long.toString(b)))
                .body("details[0].field", equalTo("status"))
                .body("results", hasSize(3))
                .body("results[0].id", is((int) a)).body("results[0].code", equalTo("not_applied"))
                .body("results[1].id", is((int) b)).body("results[1].code", equalTo("validation_failed"))
                .body("results[1].details[0].field", equalTo("status"))
                .body("results[2].id", is((int) c)).body("results[2].code", equalTo("not_applied"));
        for (long id : new long[] { a, b, c }) {
            asAdmin().get("/api/mind/ticket/" + id).then().body("priority", equalTo("low")).body("status", equalTo("open"))
                    .body("modifiedAt", nullValue());
        }
    }

    @Test
    void wrongTypesFailTheirItemOnlyAndAnIdThatDoesNotReadIsNull() {
        long a = create();
        long b = create();
        asAgent(7).body("[{\"id\":" + a + ",\"agentId\":\"abc\"},"
                + "{\"id\":" + b + ",\"priority\":5},"
                + "{\"id\":\"abc\",\"priority\":\"high\"},"
                + "{\"id\":" + a + ",\"dueBy\":\"tomorrow\"},"
                + "{\"id\":" + a + ",\"tagIds\":[1,\"x\"]},"
                + "{\"id\":" + b + ",\"customerLegitimation\":1.5},"
                + "{\"id\":" + b + ",\"agentId\":9}]")
                .patch("/api/mind/ticket").then().statusCode(200)
                .body("success", is(false))
                .body("results", hasSize(7))
                .body("results[0].id", is((int) a)).body("results[0].code", equalTo("validation_failed"))
                .body("results[0].details[0].field", equalTo("agentId"))
                .body("results[0].details[0].message", equalTo("must be an integer"))
                .body("results[1].id", is((int) b)).body("results[1].details[0].field", equalTo("priority"))
                .body("results[2].id", nullValue()).body("results[2].details[0].field", equalTo("id"))
                .body("results[3].details[0].field", equalTo("dueBy"))
                .body("results[4].details[0].field", equalTo("tagIds[1]"))
                .body("results[5].details[0].field", equalTo("customerLegitimation"))
                .body("results[6].success", is(true));
        asAdmin().get("/api/mind/ticket/" + a).then().body("agentId", nullValue()).body("dueBy", nullValue())
                .body("modifiedAt", nullValue());
        asAdmin().get("/api/mind/ticket/" + b).then().body("agentId", is(9)).body("priority", equalTo("low"));
    }

    @Test
    void itemsThatAreNoObjectFailAloneAndUnknownPropertiesAreIgnoredAsInTheSinglePatch() {
        long a = create();
        long b = create();
        asAgent(7).body("[5,{\"id\":" + a + ",\"priority\":\"high\",\"noSuchField\":{\"x\":1}},\"text\",[1],null,"
                + "{\"id\":" + b + ",\"priority\":\"urgent\"}]")
                .patch("/api/mind/ticket").then().statusCode(200)
                .body("success", is(false))
                .body("results", hasSize(6))
                .body("results[0].id", nullValue()).body("results[0].success", is(false))
                .body("results[0].code", equalTo("validation_failed")).body("results[0].details[0].field", equalTo("body"))
                .body("results[1].id", is((int) a)).body("results[1].success", is(true))
                .body("results[2].success", is(false)).body("results[2].details[0].field", equalTo("body"))
                .body("results[3].success", is(false)).body("results[3].details[0].field", equalTo("body"))
                .body("results[4].success", is(false)).body("results[4].details[0].field", equalTo("body"))
                .body("results[5].id", is((int) b)).body("results[5].success", is(true));
        asAdmin().get("/api/mind/ticket/" + a).then().body("priority", equalTo("high"));
        asAdmin().get("/api/mind/ticket/" + b).then().body("priority", equalTo("urgent"));
    }

    @Test
    void anIdempotencyKeyReplaysABatchWithAnItemThatDidNotBind() {
        long a = create();
        String key = UUID.randomUUID().toString();
        String body = "[{\"id\":" + a + ",\"priority\":\"high\"},{\"id\":" + a + ",\"agentId\":\"abc\"}]";
        String first = asAgent(7).header("Idempotency-Key", key).body(body).patch("/api/mind/ticket").then().statusCode(200)
                .body("results[1].details[0].field", equalTo("agentId")).extract().asString();
        asAgent(7).header("Idempotency-Key", key).body(body).patch("/api/mind/ticket").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body(equalTo(first));
        asAgent(7).header("Idempotency-Key", key).body(body.replace("abc", "xyz")).patch("/api/mind/ticket").then()
                .statusCode(422).body("code", equalTo("idempotency_key_reused"));
        asAdmin().get("/api/mind/ticket/" + a + "/activity").then()
                .body("activity.findAll { it.type == 'fieldChanged' }", hasSize(1));
    }

    @Test
    void rolesAreThoseOfTheSinglePatch() {
        long a = create();
        String body = "[{\"id\":" + a + ",\"priority\":\"high\"}]";
        as(TestTokens.serviceWorker()).body(body).patch("/api/mind/ticket").then().statusCode(403);
        as(TestTokens.bearer(900, "serviceWorker", "updateTicket")).body(body).patch("/api/mind/ticket")
                .then().statusCode(200).body("success", is(true));
    }
}
