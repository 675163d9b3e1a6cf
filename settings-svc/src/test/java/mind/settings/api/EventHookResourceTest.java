package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class EventHookResourceTest {

    static final String PATH = "/api/mind/settings/event-hook";
    static final String UDF = "/api/mind/settings/user-defined-function";

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    /** A new user-defined function; its name and id. */
    record Function(String name, int id) {
    }

    static Function function() {
        String name = "hook_" + UUID.randomUUID().toString().replace("-", "");
        int id = as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"code\":\"x\",\"language\":\"node20\"}").post(UDF)
                .then().statusCode(200).extract().path("id");
        return new Function(name, id);
    }

    static int create(String body) {
        return as(TestTokens.admin()).body(body).post(PATH).then().statusCode(200)
                .body("success", is(true)).extract().path("id");
    }

    @Test
    void aHookNamedByFunctionNameIsListedAndReadInEnneosShape() {
        Function f = function();
        int id = create("{\"event\":\"TicketCreated\",\"handler\":\"" + f.name().toUpperCase() + "\"}");

        as(TestTokens.serviceWorker()).get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("success", is(true))
                .body("eventHook.id", equalTo(id))
                .body("eventHook.name", equalTo("TicketCreated"))
                .body("eventHook.event", equalTo("TicketCreated"))
                .body("eventHook.description", containsString("new ticket"))
                .body("eventHook.handler", equalTo(f.name()))
                .body("eventHook.handlerId", equalTo(f.id()));
        as(TestTokens.admin()).get(PATH).then().statusCode(200)
                .body("success", is(true))
                .body("eventHooks.find { it.id == " + id + " }.handler", equalTo(f.name()))
                .body("eventHooks.find { it.id == " + id + " }.name", equalTo("TicketCreated"));
    }

    @Test
    void theHandlerMayBeAnIdAndTheEventComeAsName() {
        Function f = function();
        int byNumber = create("{\"name\":\"CronDay\",\"handler\":" + f.id() + "}");
        int byDigits = create("{\"event\":\"CronHour\",\"name\":\"CronHour\",\"handler\":\"" + f.id() + "\"}");
        as(TestTokens.admin()).get(PATH + "/" + byNumber).then().statusCode(200)
                .body("eventHook.event", equalTo("CronDay")).body("eventHook.handlerId", equalTo(f.id()));
        as(TestTokens.admin()).get(PATH + "/" + byDigits).then().statusCode(200)
                .body("eventHook.event", equalTo("CronHour")).body("eventHook.handler", equalTo(f.name()));
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() {
        Function f = function();
        as(TestTokens.admin()).body("{\"event\":\"TicketExploded\",\"handler\":" + f.id() + "}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("event"))
                .body("details[0].message", containsString("TicketCreated"));
        as(TestTokens.admin()).body("{\"event\":\"ticketcreated\",\"handler\":" + f.id() + "}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("event"));
        as(TestTokens.admin()).body("{\"name\":\"Nope\",\"handler\":" + f.id() + "}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        as(TestTokens.admin()).body("{\"event\":\"CronDay\",\"name\":\"CronWeek\",\"handler\":" + f.id() + "}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        as(TestTokens.admin()).body("{\"handler\":" + f.id() + "}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("event"));
        as(TestTokens.admin()).body("{\"event\":\"TicketUpdated\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("handler"));
        as(TestTokens.admin()).body("{\"event\":\"TicketUpdated\",\"handler\":\"no_such_function_" + UUID.randomUUID()
                .toString().replace("-", "") + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("handler"));
        as(TestTokens.admin()).body("{\"event\":\"TicketUpdated\",\"handler\":999999999}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("handler"));
        as(TestTokens.admin()).body("{\"event\":\"TicketUpdated\",\"handler\":true}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("handler"));
        as(TestTokens.admin()).body("{\"event\":\"TicketUpdated\",\"handler\":-3}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("handler"));
        // nothing of it was stored
        as(TestTokens.admin()).get(PATH).then().statusCode(200).body("eventHooks.handlerId", not(hasItem(f.id())));
    }

    @Test
    void oneFunctionRunsOncePerEvent() throws Exception {
        Function f = function();
        create("{\"event\":\"TicketRouted\",\"handler\":" + f.id() + "}");
        as(TestTokens.admin()).body("{\"event\":\"TicketRouted\",\"handler\":\"" + f.name() + "\"}").post(PATH)
                .then().statusCode(409).body("code", equalTo("duplicate")).body("details[0].field", equalTo("handler"));

        Function raced = function();
        List<Integer> statuses = Concurrently.run(5, () -> as(TestTokens.admin())
                .body("{\"event\":\"TicketForwarded\",\"handler\":" + raced.id() + "}").post(PATH).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(4, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    @Test
    void onlyAnAdminWritesAndAgentsDoNotRead() {
        Function f = function();
        String body = "{\"event\":\"ProfileCreated\",\"handler\":" + f.id() + "}";
        as(TestTokens.agent(2)).body(body).post(PATH).then().statusCode(403);
        as(TestTokens.serviceWorker()).body(body).post(PATH).then().statusCode(403);
        as(TestTokens.admin()).get(PATH).then().statusCode(200).body("eventHooks.handlerId", not(hasItem(f.id())));
        int id = create(body);
        as(TestTokens.agent(2)).delete(PATH + "/" + id).then().statusCode(403);
        as(TestTokens.agent(2)).get(PATH + "/" + id).then().statusCode(403);
        as(TestTokens.agent(2)).get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(401);
        as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void deleteHonoursIfMatchAndUnknownIdsAre404() {
        Function f = function();
        int id = create("{\"event\":\"SendEmail\",\"handler\":" + f.id() + "}");
        String etag = as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");

        as(TestTokens.admin()).header("If-Match", "\"7\"").delete(PATH + "/" + id).then().statusCode(412)
                .body("code", equalTo("precondition_failed"));
        as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(200);
        as(TestTokens.admin()).header("If-Match", etag).delete(PATH + "/" + id).then().statusCode(200).body("success", is(true));
        as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        as(TestTokens.admin()).delete(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void aFunctionRunByAHookIsNotDeleted() {
        Function f = function();
        int id = create("{\"event\":\"TicketResponse\",\"handler\":" + f.id() + "}");
        as(TestTokens.admin()).delete(UDF + "/" + f.id()).then().statusCode(409)
                .body("code", equalTo("udf_in_use"))
                .body("error", containsString(String.valueOf(id)));
        as(TestTokens.admin()).get(UDF + "/" + f.id()).then().statusCode(200);
        as(TestTokens.admin()).delete(PATH + "/" + id).then().statusCode(200);
        as(TestTokens.admin()).delete(UDF + "/" + f.id()).then().statusCode(200);
    }

    @Test
    void aRepeatedIdempotencyKeyCreatesOnce() {
        Function f = function();
        String key = UUID.randomUUID().toString();
        String body = "{\"event\":\"CronWeek\",\"handler\":" + f.id() + "}";
        int first = as(TestTokens.admin()).header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(200)
                .extract().path("id");
        as(TestTokens.admin()).header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }
}
