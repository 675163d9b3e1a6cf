package mind.ticket.patch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * {@code Patch<T>} over HTTP (through a test-only PATCH endpoint), and the updateTicket rule of the
 * {@code POST /ticket} upsert.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class PatchOverHttpTest {

    private static RequestSpecification as(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    private static int ticket() {
        return as(TestTokens.agent(7))
                .body("{\"channel\":\"email\",\"subject\":\"original\",\"agentId\":5,\"contractId\":\"c-1\",\"tags\":[1,2]}")
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
    }

    private static io.restassured.response.Response patch(int id, String body) {
        return as(TestTokens.agent(7)).body(body).patch("/api/mind/test-support/patch/tickets/" + id);
    }

    @Test
    void absentFieldsStayNullClearsAValueSets() {
        int id = ticket();
        patch(id, "{\"subject\":\"changed\"}").then().statusCode(200)
                .body("subject", equalTo("changed"))
                .body("agentId", is(5))
                .body("contractId", equalTo("c-1"))
                .body("tagIds", contains(1, 2));
        patch(id, "{\"agentId\":null,\"tags\":null}").then().statusCode(200)
                .body("subject", equalTo("changed"))
                .body("agentId", nullValue())
                .body("tagIds", empty());
        patch(id, "{}").then().statusCode(200)
                .body("subject", equalTo("changed"))
                .body("contractId", equalTo("c-1"));
    }

    @Test
    void constraintsApplyToTheValueAndNameTheField() {
        int id = ticket();
        patch(id, "{\"subject\":\"" + "x".repeat(21) + "\"}").then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("subject"));
        patch(id, "{\"tags\":[1,2,3,4]}").then().statusCode(400)
                .body("details[0].field", equalTo("tags"));
        // may be left out, may not be cleared
        patch(id, "{\"contractId\":null}").then().statusCode(400)
                .body("details[0].field", equalTo("contractId"));
        patch(id, "{\"agentId\":\"five\"}").then().statusCode(400)
                .body("details[0].field", equalTo("agentId"))
                .body("details[0].message", equalTo("must be an integer"));
    }

    @Test
    void openApiShowsTheContainedTypes() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                // nullable: OpenAPI 3.1 writes the type with "null" beside it
                .body("components.schemas.TicketPatch.properties.subject.type", contains("string", "null"))
                .body("components.schemas.TicketPatch.properties.agentId.type", contains("integer", "null"))
                .body("components.schemas.TicketPatch.properties.contractId.type", equalTo("string"))
                .body("components.schemas.TicketPatch.properties.tags.type", contains("array", "null"))
                .body("components.schemas.TicketPatch.properties.tags.items.type", equalTo("integer"))
                .body("components.schemas", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("PatchString")));
    }

    @Test
    void upsertOfAnExistingTicketNeedsUpdateTicketForServiceWorkers() {
        String external = "ext-" + UUID.randomUUID();
        int id = as(TestTokens.serviceWorker())
                .body("{\"channel\":\"phone\",\"subject\":\"first\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");

        as(TestTokens.serviceWorker())
                .body("{\"channel\":\"phone\",\"subject\":\"overwritten\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().statusCode(403)
                .body("success", is(false))
                .body("code", equalTo("forbidden"))
                .body("details", empty());
        as(TestTokens.admin()).get("/api/mind/ticket/" + id).then().statusCode(200).body("subject", equalTo("first"));

        as(TestTokens.bearer(901, "serviceWorker", "updateTicket"))
                .body("{\"channel\":\"phone\",\"subject\":\"updated\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().statusCode(200)
                .body("id", is(id))
                .body("subject", equalTo("updated"));
        as(TestTokens.agent(8))
                .body("{\"channel\":\"phone\",\"subject\":\"by an agent\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().statusCode(200).body("id", is(id));
    }

    @Test
    void serviceWorkersStillCreateNewTickets() {
        as(TestTokens.serviceWorker())
                .body("{\"channel\":\"phone\",\"externalTicketId\":\"ext-" + UUID.randomUUID() + "\"}")
                .post("/api/mind/ticket").then().statusCode(200).body("success", is(true));
    }

    @Test
    void aTokenWithOnlyUpdateTicketMayPatchButNotPost() {
        int id = ticket();
        as(TestTokens.bearer(902, "updateTicket")).body("{\"subject\":\"by permission\"}")
                .patch("/api/mind/test-support/patch/tickets/" + id).then().statusCode(200)
                .body("subject", equalTo("by permission"));
    }
}
