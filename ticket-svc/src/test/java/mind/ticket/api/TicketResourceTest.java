package mind.ticket.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.repository.TicketRepository;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketResourceTest {

    static final String DOCS_EXAMPLE = """
            {"from":"jsmith@example.com","fromName":null,"subchannelId":2,"to":["customer@web.de"],
             "cc":["customer@web.de"],"bcc":["customer@web.de"],"priority":"low","channel":"email",
             "status":"open","subject":"Ticket subject","body":"<p>Ticket body<p>",
             "createdAt":"2021-01-01 00:00:00","firstResponseDueBy":"2021-01-02 00:00:00",
             "dueBy":"2021-01-07 00:00:00",
             "attachments":[{"name":"myattachment1.png","url":"https://my-server.com/my-image.png"}],
             "tags":[54],"contractId":null,"externalTicketId":null,"rawData":null,
             "templateId":null,"templateData":null}""";

    @Inject
    TicketRepository tickets;

    private static io.restassured.specification.RequestSpecification asAgent() {
        return given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON);
    }

    @Test
    void createWithOnlyChannelAppliesEnneoDefaults() {
        asAgent().body("{\"channel\":\"email\"}")
                .when().post("/api/mind/ticket")
                .then().statusCode(200)
                .body("success", is(true))
                .body("id", notNullValue())
                .body("direction", equalTo("in"))
                .body("status", equalTo("open"))
                .body("priority", equalTo("low"))
                .body("interface", equalTo("internal"))
                .body("aiSupportLevel", equalTo("unprocessed"))
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
    }

    @Test
    void processFalseMarksTicketForHumans() {
        asAgent().queryParam("process", "false").body("{\"channel\":\"chat\"}")
                .when().post("/api/mind/ticket")
                .then().statusCode(200).body("aiSupportLevel", equalTo("human"));
    }

    @Test
    void docsExampleRoundTripsThroughGet() {
        int id = asAgent().body(DOCS_EXAMPLE).when().post("/api/mind/ticket")
                .then().statusCode(200).extract().path("id");

        given().header("Authorization", TestTokens.admin())
                .when().get("/api/mind/ticket/" + id)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("success", is(true))
                .body("id", is(id))
                .body("from", equalTo("jsmith@example.com"))
                .body("to", hasItem("customer@web.de"))
                .body("ccEmails", hasItem("customer@web.de"))
                .body("subchannelId", is(2))
                .body("subject", equalTo("Ticket subject"))
                .body("body", equalTo("<p>Ticket body<p>"))
                .body("bodyPlain", equalTo("Ticket body"))
                .body("createdAt", equalTo("2021-01-01 00:00:00"))
                .body("dueBy", equalTo("2021-01-07 00:00:00"))
                .body("attachments[0].url", equalTo("https://my-server.com/my-image.png"))
                .body("tagIds", hasItem(54))
                .body("replyRecipients.to", hasItem("jsmith@example.com"));
    }

    @Test
    void getCarriesTheFullDataFieldsClientsReadAndIntentsOnlyWhenAsked() {
        int email = asAgent().body(DOCS_EXAMPLE).when().post("/api/mind/ticket")
                .then().statusCode(200).extract().path("id");
        Response plain = given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + email);
        plain.then().statusCode(200)
                .body("emailSubchannelId", is(2))
                .body("$", allOf(org.hamcrest.Matchers.hasKey("template"), org.hamcrest.Matchers.hasKey("workitem"),
                        org.hamcrest.Matchers.hasKey("contentTranslation"),
                        org.hamcrest.Matchers.hasKey("customerLegitimationMessage")))
                .body("template", nullValue())
                .body("workitem", nullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("intents")));
        given().header("Authorization", TestTokens.agent(7))
                .queryParam("includeCustomer", "true").queryParam("includeIntents", "true")
                .get("/api/mind/ticket/" + email)
                .then().statusCode(200)
                .header("ETag", equalTo(plain.header("ETag")))
                .body("intents", equalTo(List.of()))
                .body("subject", equalTo("Ticket subject"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("includeIntents", "0")
                .get("/api/mind/ticket/" + email)
                .then().statusCode(200).body("$", not(org.hamcrest.Matchers.hasKey("intents")));
        given().header("Authorization", TestTokens.agent(7)).queryParam("includeIntents", "maybe")
                .get("/api/mind/ticket/" + email)
                .then().statusCode(400).body("details[0].field", equalTo("includeIntents"));

        int phone = asAgent().body("{\"channel\":\"phone\",\"subchannelId\":3}").when().post("/api/mind/ticket")
                .then().statusCode(200).extract().path("id");
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + phone)
                .then().statusCode(200).body("subchannelId", is(3)).body("emailSubchannelId", nullValue());
    }

    @Test
    void plainBodiesKeepTheirLinesEvenWithAngleBrackets() {
        asAgent().body("{\"channel\":\"phone\",\"body\":\"[10:00] bot: is 2 < 3?\\n[10:01] customer: yes <3\"}")
                .when().post("/api/mind/ticket")
                .then().statusCode(200)
                .body("bodyPlain", equalTo("[10:00] bot: is 2 < 3?\n[10:01] customer: yes <3"));
        asAgent().body("{\"channel\":\"email\",\"body\":\"<div>Hello</div><div class=\\\"x\\\">World<br>again</div>\"}")
                .when().post("/api/mind/ticket")
                .then().statusCode(200)
                .body("bodyPlain", equalTo("Hello\nWorld\nagain"));
    }

    @Test
    void acceptsIsoAndUnixSecondsAndWritesEnneoFormat() {
        asAgent().body("{\"channel\":\"email\",\"createdAt\":\"2024-01-23T14:32:11Z\",\"dueBy\":1609502400}")
                .when().post("/api/mind/ticket")
                .then().statusCode(200)
                .body("createdAt", equalTo("2024-01-23 14:32:11"))
                .body("dueBy", equalTo("2021-01-01 12:00:00"));
    }

    @Test
    void agentAndSubchannelIdsArePositive() {
        asAgent().body("{\"channel\":\"email\",\"agentId\":-5}").when().post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("agentId"));
        asAgent().body("{\"channel\":\"email\",\"subchannelId\":0}").when().post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("subchannelId"));
        int id = asAgent().body("{\"channel\":\"email\"}").when().post("/api/mind/ticket").then().statusCode(200)
                .extract().path("id");
        asAgent().body("{\"agentId\":-5}").when().patch("/api/mind/ticket/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("agentId"));
        asAgent().body("{\"agentId\":7}").when().patch("/api/mind/ticket/" + id).then().statusCode(200);
    }

    /** As PATCH: a ticket made pending needs a dueBy ahead (400 naming dueBy), on create and on an upsert. */
    @Test
    void aPendingTicketNeedsAFutureDueBy() {
        asAgent().body("{\"channel\":\"email\",\"status\":\"pending\"}").when().post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("dueBy"));
        asAgent().body("{\"channel\":\"email\",\"status\":\"pending\",\"dueBy\":\"2001-01-01 00:00:00\"}")
                .when().post("/api/mind/ticket").then().statusCode(400).body("details[0].field", equalTo("dueBy"));
        asAgent().body("{\"channel\":\"email\",\"status\":\"pending\",\"dueBy\":\"2099-01-01 00:00:00\"}")
                .when().post("/api/mind/ticket").then().statusCode(200).body("status", equalTo("pending"));
        String external = "ext-" + UUID.randomUUID();
        asAgent().body("{\"channel\":\"email\",\"externalTicketId\":\"" + external + "\"}").when().post("/api/mind/ticket")
                .then().statusCode(200);
        asAgent().body("{\"channel\":\"email\",\"status\":\"pending\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(400).body("details[0].field", equalTo("dueBy"));
        asAgent().body("{\"channel\":\"email\",\"status\":\"pending\",\"dueBy\":\"2099-01-01 00:00:00\",\"externalTicketId\":\""
                + external + "\"}").when().post("/api/mind/ticket").then().statusCode(200).body("status", equalTo("pending"));
    }

    /** The upsert keeps the direction the ticket was made with, as PATCH does: a different one is a 400, nothing written. */
    @Test
    void anUpsertCannotChangeTheDirection() {
        String external = "ext-" + UUID.randomUUID();
        int id = asAgent().body("{\"channel\":\"email\",\"direction\":\"out\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200).body("direction", equalTo("out")).extract().path("id");
        asAgent().body("{\"channel\":\"email\",\"direction\":\"in\",\"subject\":\"turned\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(400)
                .body("details[0].field", equalTo("direction"));
        // left out, the default (in) does not apply to the existing ticket
        asAgent().body("{\"channel\":\"email\",\"subject\":\"kept\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200)
                .body("id", is(id)).body("direction", equalTo("out")).body("subject", equalTo("kept"));
        asAgent().body("{\"channel\":\"email\",\"direction\":\"out\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200).body("id", is(id));
    }

    @Test
    void externalTicketIdUpdatesInsteadOfCreating() {
        String external = "ext-" + UUID.randomUUID();
        int first = asAgent().body("{\"channel\":\"email\",\"subject\":\"first\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        asAgent().body("{\"channel\":\"email\",\"subject\":\"second\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200)
                .body("id", is(first))
                .body("subject", equalTo("second"))
                .body("modifiedAt", notNullValue());
    }

    /**
     * An upsert of an existing ticket keeps its channel (a different one is ignored, the rest applied) and moves its
     * last-message times forward only, by the createdAt it carries.
     */
    @Test
    void anUpsertKeepsTheChannelAndNeverMovesTheLastMessageTimesBack() {
        String external = "ext-" + UUID.randomUUID();
        int id = asAgent().body("{\"channel\":\"email\",\"subject\":\"first\",\"createdAt\":\"2030-01-01 00:00:00\","
                + "\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        // a later message moves the times forward
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"direction\":\"in\",\"body\":\"more\",\"createdAt\":\"2030-01-05 00:00:00\"}")
                .post("/api/mind/ticket/" + id + "/conversation/store").then().statusCode(200);
        assertEquals(List.of("2030-01-05T00:00:00Z", "2030-01-05T00:00:00Z"), lastMessageTimes(id));

        // no message time: the times stay; another channel is ignored, the rest applied
        asAgent().body("{\"channel\":\"phone\",\"subject\":\"second\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200)
                .body("id", is(id)).body("channel", equalTo("email")).body("subject", equalTo("second"));
        assertEquals(List.of("2030-01-05T00:00:00Z", "2030-01-05T00:00:00Z"), lastMessageTimes(id));
        asAgent().get("/api/mind/ticket/" + id).then().statusCode(200).body("channel", equalTo("email"));

        // an older message time does not move them back, a newer one moves them forward
        asAgent().body("{\"channel\":\"email\",\"createdAt\":\"2030-01-03 00:00:00\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200).body("id", is(id));
        assertEquals(List.of("2030-01-05T00:00:00Z", "2030-01-05T00:00:00Z"), lastMessageTimes(id));
        asAgent().body("{\"channel\":\"chat\",\"createdAt\":\"2030-01-09 00:00:00\",\"externalTicketId\":\"" + external + "\"}")
                .when().post("/api/mind/ticket").then().statusCode(200).body("id", is(id)).body("channel", equalTo("email"));
        assertEquals(List.of("2030-01-09T00:00:00Z", "2030-01-09T00:00:00Z"), lastMessageTimes(id));
    }

    /** The ticket's lastMessageAt and lastCustomerMessageAt as stored. */
    private List<String> lastMessageTimes(long id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            var t = tickets.findById(id);
            return List.of(String.valueOf(t.lastMessageAt), String.valueOf(t.lastCustomerMessageAt));
        });
    }

    @Test
    void concurrentUpsertsOfOneExternalIdMakeOneTicket() throws Exception {
        String external = "ext-" + UUID.randomUUID();
        String body = "{\"channel\":\"phone\",\"externalTicketId\":\"" + external + "\"}";
        List<Response> responses = Concurrently.run(12, () -> asAgent().body(body).post("/api/mind/ticket"));
        Set<Integer> ids = new HashSet<>();
        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
            ids.add(r.path("id"));
        }
        assertEquals(1, ids.size(), "one ticket for one externalTicketId");
        assertEquals(1, countByExternalId(external));
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        String body = "{\"channel\":\"email\",\"subject\":\"idem " + key + "\"}";
        int first = asAgent().header("Idempotency-Key", key).body(body).post("/api/mind/ticket")
                .then().statusCode(200).extract().path("id");
        asAgent().header("Idempotency-Key", key).body(body).post("/api/mind/ticket")
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", is(first));
        assertEquals(1, countBySubject("idem " + key));

        asAgent().header("Idempotency-Key", key).body("{\"channel\":\"email\",\"subject\":\"other\"}")
                .post("/api/mind/ticket")
                .then().statusCode(422)
                .body("success", is(false))
                .body("code", equalTo("idempotency_key_reused"));
    }

    @Test
    void idempotencyKeyIsScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String body = "{\"channel\":\"email\",\"subject\":\"scoped " + key + "\"}";
        int mine = given().header("Authorization", TestTokens.agent(31)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/mind/ticket")
                .then().statusCode(200).extract().path("id");
        given().header("Authorization", TestTokens.agent(32)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/mind/ticket")
                .then().statusCode(200).body("id", not(is(mine)));
    }

    @Test
    void parallelRequestsWithOneIdempotencyKeyCreateOneTicket() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"channel\":\"email\",\"subject\":\"race " + key + "\"}";
        List<Response> responses = Concurrently.run(10,
                () -> asAgent().header("Idempotency-Key", key).body(body).post("/api/mind/ticket"));
        Set<Integer> ids = new HashSet<>();
        for (Response r : responses) {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.statusCode() + " " + r.asString());
            if (r.statusCode() == 200) {
                ids.add(r.path("id"));
            } else {
                assertEquals("idempotency_key_in_flight", r.path("code"));
            }
        }
        assertEquals(1, ids.size());
        assertEquals(1, countBySubject("race " + key));
    }

    @Test
    void wrongTypeNamesTheField() {
        asAgent().body("{\"channel\":\"email\",\"subchannelId\":\"two\"}").post("/api/mind/ticket")
                .then().statusCode(400)
                .body("details[0].field", equalTo("subchannelId"))
                .body("details[0].message", equalTo("must be an integer"));
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheChoices() {
        asAgent().body("{\"channel\":\"fax\"}").post("/api/mind/ticket")
                .then().statusCode(400)
                .body("details[0].field", equalTo("channel"))
                .body("details[0].message", allOf(containsString("email"), containsString("walkIn")));
    }

    @Test
    void nestedWrongValueNamesThePath() {
        asAgent().body("{\"channel\":\"email\",\"attachments\":[{\"name\":\"a\"}]}").post("/api/mind/ticket")
                .then().statusCode(400)
                .body("details[0].field", equalTo("attachments[0].url"));
    }

    @Test
    void missingChannelIs400NamingIt() {
        asAgent().body("{\"subject\":\"no channel\"}").post("/api/mind/ticket")
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("channel"));
    }

    @Test
    void emptyBodyIs400() {
        asAgent().post("/api/mind/ticket")
                .then().statusCode(400).body("success", is(false));
    }

    @Test
    void unknownProcessModeIs400() {
        asAgent().queryParam("process", "later").body("{\"channel\":\"email\"}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("process"));
    }

    @Test
    void oversizedBodyIs413() {
        String big = "x".repeat(1_200_000);
        asAgent().body("{\"channel\":\"email\",\"body\":\"" + big + "\"}").post("/api/mind/ticket")
                .then().statusCode(413).body("code", equalTo("payload_too_large"));
    }

    @Test
    void forgedTokenIs401() {
        String token = TestTokens.token(7, "agent");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().header("Authorization", "Bearer " + forged).get("/api/mind/ticket/1")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer not-a-jwt").get("/api/mind/ticket/1")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void unknownTicketIs404() {
        given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/999999999")
                .then().statusCode(404)
                .body("success", is(false))
                .body("code", equalTo("not_found"))
                .body("error", containsString("999999999"));
    }

    @Test
    void connectSidCookieAuthenticatesBrowsers() {
        int id = asAgent().body("{\"channel\":\"portal\"}").post("/api/mind/ticket").then().extract().path("id");
        given().cookie("connect.sid", TestTokens.token(7, "agent"))
                .get("/api/mind/ticket/" + id)
                .then().statusCode(200).body("channel", equalTo("portal"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/api/mind/ticket"));
    }

    @Test
    void unexpectedFailureIs500WithCorrelationIdAndNoInternals() {
        io.restassured.response.Response response = given().get("/api/mind/test-support/failure");
        response.then().statusCode(500)
                .body("success", is(false))
                .body("code", equalTo("internal_error"))
                .body("error", not(containsString("select")))
                .body("error", not(containsString("IllegalStateException")))
                .body("correlationId", notNullValue());
        assertEquals(response.path("correlationId"), response.header("X-Correlation-Id"));
        assertTrue(((String) response.path("error")).contains(response.path("correlationId")));
    }

    @Test
    void enumNumbersAreNotPositions() {
        asAgent().body("{\"channel\":2}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("channel"));
        asAgent().body("{\"channel\":\"email\",\"status\":\"3\"}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("status"));
    }

    @Test
    void nulCharactersAre400NotAServerError() {
        asAgent().body("{\"channel\":\"email\",\"subject\":\"a\\u0000b\"}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("subject"));
        asAgent().body("{\"channel\":\"email\",\"rawData\":{\"deep\":[\"x\\u0000\"]}}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("rawData"));
    }

    @Test
    void timesOutsideTheStorableRangeAre400() {
        asAgent().body("{\"channel\":\"email\",\"createdAt\":99999999999999}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("createdAt"));
        asAgent().body("{\"channel\":\"email\",\"dueBy\":\"-5000-01-01T00:00:00Z\"}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("dueBy"));
    }

    @Test
    void reopeningAClosedTicketClearsClosedAt() {
        String external = "ext-" + UUID.randomUUID();
        asAgent().body("{\"channel\":\"email\",\"status\":\"closed\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().statusCode(200).body("closedAt", notNullValue());
        asAgent().body("{\"channel\":\"email\",\"status\":\"open\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().statusCode(200).body("closedAt", nullValue());
    }

    @Test
    void etagIsStrongAndChangesWithTheTicket() {
        String external = "ext-" + UUID.randomUUID();
        int id = asAgent().body("{\"channel\":\"email\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().extract().path("id");
        String before = given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/" + id).header("ETag");
        asAgent().body("{\"channel\":\"email\",\"subject\":\"changed\",\"externalTicketId\":\"" + external + "\"}")
                .post("/api/mind/ticket").then().statusCode(200);
        String after = given().header("Authorization", TestTokens.admin()).get("/api/mind/ticket/" + id).header("ETag");
        assertTrue(before.matches("\"\\d+\""), before);
        assertTrue(!before.equals(after), before + " vs " + after);
    }

    @Test
    void malformedCookieIsUnauthenticatedAndHeaderWinsOverCookie() {
        given().cookie("connect.sid", "%zz").get("/api/mind/ticket/1")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        int id = asAgent().body("{\"channel\":\"portal\"}").post("/api/mind/ticket").then().extract().path("id");
        // a valid header is used even when the cookie holds garbage
        given().header("Authorization", TestTokens.agent(7)).cookie("connect.sid", "garbage")
                .get("/api/mind/ticket/" + id).then().statusCode(200);
        // and a forbidden header is not rescued by an admin cookie
        given().header("Authorization", TestTokens.bearer(8, "customer")).cookie("connect.sid", TestTokens.token(1, "admin"))
                .get("/api/mind/ticket/" + id).then().statusCode(403);
    }

    private long countBySubject(String subject) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> tickets.count("subject", subject));
    }

    private long countByExternalId(String external) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> tickets.count("externalTicketId", external));
    }
}
