package mind.qualitycheck.api;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.auth.Roles;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.qualitycheck.support.ServicesStub;
import mind.qualitycheck.support.ServicesStub.InjectServices;
import mind.qualitycheck.support.Stubs;

@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(ServicesStub.class)
class TestCaseResourceTest {

    static final String PATH = "/api/mind/aiQualityCheck/testCase";

    @InjectServices
    WireMockServer services;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private record Agent(long id, String slug) {
    }

    private Agent agent() {
        long id = Stubs.ticketId();
        String slug = Stubs.slug();
        Stubs.agent(services, id, slug, "Change bank data");
        return new Agent(id, slug);
    }

    private long ticket() {
        long id = Stubs.ticketId();
        Stubs.ticket(services, id);
        return id;
    }

    private int create(Agent agent, long ticketId, String expected) {
        return asAdmin().body("{\"ticketId\":" + ticketId + ",\"aiAgentId\":\"" + agent.slug() + "\",\"expectedResult\":"
                + expected + "}").post(PATH).then().statusCode(200).extract().path("testCase.id");
    }

    @Test
    void createCopiesChannelAndSummaryFromTheTicketWithTheCallersToken() {
        Agent agent = agent();
        long ticketId = ticket();
        String admin = TestTokens.bearer(77, Roles.ADMIN);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"ticketId\":" + ticketId + ",\"aiAgentId\":" + agent.id()
                        + ",\"expectedResult\":{\"sentiment\":\"angry\",\"contractId\":715382}}")
                .post(PATH).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("success", is(true))
                .body("testCase.id", notNullValue())
                .body("testCase.ticketId", is(Stubs.num(ticketId)))
                .body("testCase.aiAgentId", equalTo(agent.slug()))
                .body("testCase.aiAgentIds", contains(Stubs.num(agent.id())))
                .body("testCase.channel", equalTo("email"))
                .body("testCase.summary", equalTo("Summary of " + ticketId))
                .body("testCase.expectedResult.sentiment", equalTo("angry"))
                .body("testCase.modifiedBy", is(77));
        services.verify(getRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId)).withHeader("Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(admin)));
    }

    @Test
    void unknownTicketOrAgentIs404() {
        Agent agent = agent();
        asAdmin().body("{\"ticketId\":" + Stubs.ticketId() + ",\"aiAgentId\":\"" + agent.slug() + "\"}").post(PATH)
                .then().statusCode(404).body("success", is(false)).body("error", org.hamcrest.Matchers.containsString("Ticket"));
        asAdmin().body("{\"ticketId\":" + ticket() + ",\"aiAgentId\":\"" + Stubs.slug() + "\"}").post(PATH)
                .then().statusCode(404).body("error", org.hamcrest.Matchers.containsString("AI agent"));
    }

    @Test
    void invalidBodiesAre400NamingTheField() {
        Agent agent = agent();
        asAdmin().body("{\"aiAgentId\":\"" + agent.slug() + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("ticketId"));
        asAdmin().body("{\"ticketId\":-4,\"aiAgentId\":\"" + agent.slug() + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("ticketId"));
        asAdmin().body("{\"ticketId\":5,\"aiAgentId\":{\"x\":1}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body("{\"ticketId\":5}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body("{\"ticketId\":5,\"aiAgentId\":\"" + "a".repeat(300) + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body("{\"ticketId\":5,\"aiAgentId\":\"x\",\"expectedResult\":[1]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult"));
    }

    /** Only TestResult's fields, each of its shape: nothing is stored that no run could ever match. */
    @Test
    void anExpectedResultHoldsTestResultFieldsOnly() {
        Agent agent = agent();
        long ticketId = ticket();
        String start = "{\"ticketId\":" + ticketId + ",\"aiAgentId\":\"" + agent.slug() + "\",\"expectedResult\":";
        asAdmin().body(start + "{\"bogusField\":1}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult.bogusField"));
        asAdmin().body(start + "{\"intentDetection\":\"" + agent.slug() + "\"}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult.intentDetection"));
        asAdmin().body(start + "{\"outcomeType\":{\"" + agent.slug() + "\":[\"reply\"]}}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult.outcomeType." + agent.slug()));
        asAdmin().body(start + "{\"outcomeActions\":[\"x\"]}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult.outcomeActions"));
        given().header("Authorization", TestTokens.admin()).get(PATH + "?aiAgentId=" + agent.slug())
                .then().statusCode(200).body("total", is(0));
        int id = create(agent, ticketId, "{\"intentDetection\":[\"" + agent.slug() + "\"],\"tags\":[1,\"2\"],"
                + "\"contractId\":715382,\"outcomeType\":{\"" + agent.slug() + "\":\"reply\"},\"outcomeText\":{\"a\":null}}");
        asAdmin().body("{\"expectedResult\":{\"sentiment\":{\"x\":1}}}").patch(PATH + "/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("expectedResult.sentiment"));
    }

    @Test
    void olderFormAddsOneCasePerTicket() {
        Agent agent = agent();
        long t1 = ticket();
        long t2 = ticket();
        asAdmin().body("{\"ticketIds\":[" + t1 + "," + t2 + "," + t1 + "],\"expectedResult\":{\"tags\":[1,3]}}")
                .post(PATH + "/" + agent.slug()).then().statusCode(200)
                .body("testCases", hasSize(2))
                .body("testCases.aiAgentId", contains(agent.slug(), agent.slug()))
                .body("testCases.expectedResult.tags[0]", contains(1, 3));
        asAdmin().body("{}").post(PATH + "/" + agent.slug()).then().statusCode(400)
                .body("details[0].field", equalTo("ticketIds"));
        asAdmin().body("{\"ticketId\":" + t1 + "}").post(PATH + "/" + Stubs.slug()).then().statusCode(404);
    }

    @Test
    void listIsAllOrOneAgentsCasesInIdOrder() {
        Agent a = agent();
        Agent b = agent();
        int a1 = create(a, ticket(), "{}");
        int b1 = create(b, ticket(), "{}");
        int a2 = create(a, ticket(), "{}");
        asAdmin().queryParam("aiAgentId", a.slug()).get(PATH).then().statusCode(200)
                .body("testCases.id", contains(a1, a2)).body("total", is(2));
        asAdmin().queryParam("aiAgentId", Long.toString(b.id())).get(PATH).then().statusCode(200)
                .body("testCases.id", contains(b1));
        asAdmin().queryParam("limit", 1000).get(PATH).then().statusCode(200)
                .body("testCases.id", org.hamcrest.Matchers.hasItems(a1, a2, b1));
        asAdmin().queryParam("limit", 0).get(PATH).then().statusCode(400).body("details[0].field", equalTo("limit"));
    }

    @Test
    void getWithAnAgentInThePathListsThatAgentsCases() {
        Agent a = agent();
        Agent b = agent();
        int a1 = create(a, ticket(), "{\"sentiment\":\"angry\"}");
        int b1 = create(b, ticket(), "{}");
        int a2 = create(a, ticket(), "{}");
        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + a.slug()).then().statusCode(200)
                .body("success", is(true))
                .body("testCases.id", contains(a1, a2))
                .body("testCases.aiAgentId", contains(a.slug(), a.slug()))
                .body("testCases[0].expectedResult.sentiment", equalTo("angry"))
                .body("testCases[0].channel", equalTo("email"))
                .body("total", is(2))
                .body("limit", is(100))
                .body("offset", is(0));
        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + b.id()).then().statusCode(200)
                .body("testCases.id", contains(b1)).body("total", is(1));
        given().header("Authorization", TestTokens.admin()).queryParam("limit", 1).queryParam("offset", 1)
                .get(PATH + "/" + a.slug()).then().statusCode(200)
                .body("testCases.id", contains(a2)).body("total", is(2)).body("limit", is(1)).body("offset", is(1));
        given().header("Authorization", TestTokens.bearer(12, Roles.AGENT, Roles.UPDATE_AI_AGENT))
                .get(PATH + "/" + a.slug()).then().statusCode(200).body("total", is(2));
    }

    /** An agent without cases is an empty page; aiagent-svc is not asked (cases outlive their agent). */
    @Test
    void getOfAnAgentWithoutCasesIsAnEmptyPageWithoutALookup() {
        String unknown = Stubs.slug();
        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + unknown).then().statusCode(200)
                .body("success", is(true)).body("testCases", hasSize(0)).body("total", is(0));
        services.verify(0, getRequestedFor(urlPathEqualTo("/api/mind/aiAgent/" + unknown)));
    }

    @Test
    void getWithAnAgentInThePathValidatesLikeTheList() {
        Agent a = agent();
        given().header("Authorization", TestTokens.admin()).queryParam("limit", 0).get(PATH + "/" + a.slug()).then()
                .statusCode(400).body("details[0].field", equalTo("limit"));
        given().header("Authorization", TestTokens.admin()).queryParam("offset", -1).get(PATH + "/" + a.slug()).then()
                .statusCode(400).body("details[0].field", equalTo("offset"));
        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + "a".repeat(300)).then()
                .statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        given().header("Authorization", TestTokens.agent(5)).get(PATH + "/" + a.slug()).then().statusCode(403);
        given().get(PATH + "/" + a.slug()).then().statusCode(401);
    }

    /** On /testCase/{x} GET takes an agent, PATCH and DELETE a test case: a case id in GET names no agent. */
    @Test
    void onePathGetTakesAnAgentPatchAndDeleteATestCase() {
        Agent a = agent();
        int first = create(a, ticket(), "{}");
        int second = create(a, ticket(), "{}");
        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + first).then().statusCode(200)
                .body("total", is(0));
        asAdmin().body("{\"description\":\"by case id\"}").patch(PATH + "/" + first).then().statusCode(200)
                .body("id", is(first)).body("description", equalTo("by case id"));
        asAdmin().delete(PATH + "/" + second).then().statusCode(200);
        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + a.slug()).then().statusCode(200)
                .body("testCases.id", contains(first))
                .body("testCases[0].description", equalTo("by case id"));
    }

    @Test
    void patchChangesDescriptionAndExpectedResultWithIfMatch() {
        Agent agent = agent();
        int id = create(agent, ticket(), "{\"sentiment\":\"angry\"}");
        asAdmin().header("If-Match", "\"7\"").body("{\"description\":\"x\"}").patch(PATH + "/" + id)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        given().header("Authorization", TestTokens.bearer(55, Roles.UPDATE_AI_AGENT)).contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body("{\"description\":\"Updated test case\",\"expectedResult\":{\"contractId\":715382}}")
                .patch(PATH + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("success", is(true))
                .body("id", is(id))
                .body("description", equalTo("Updated test case"))
                .body("expectedResult.contractId", is(715382))
                .body("expectedResult.sentiment", nullValue())
                .body("channel", equalTo("email"))
                .body("modifiedBy", is(55));
        asAdmin().body("{\"description\":null}").patch(PATH + "/" + id).then().statusCode(200)
                .body("description", nullValue()).body("expectedResult.contractId", is(715382));
        asAdmin().body("{\"expectedResult\":null}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("expectedResult"));
        asAdmin().body("{\"expectedResult\":\"x\"}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("expectedResult"));
        asAdmin().body("{\"description\":\"x\"}").patch(PATH + "/999999999").then().statusCode(404);
    }

    @Test
    void deleteWithIfMatchThen404() {
        Agent agent = agent();
        int id = create(agent, ticket(), "{}");
        asAdmin().header("If-Match", "\"3\"").delete(PATH + "/" + id).then().statusCode(412);
        asAdmin().header("If-Match", "\"0\"").delete(PATH + "/" + id).then().statusCode(200).body("success", is(true));
        asAdmin().delete(PATH + "/" + id).then().statusCode(404);
        asAdmin().queryParam("aiAgentId", agent.slug()).get(PATH).then().body("total", is(0));
    }

    @Test
    void agentsMayNotManageTestCases() {
        RequestSpecification agentUser = given().header("Authorization", TestTokens.agent(5)).contentType(ContentType.JSON);
        agentUser.get(PATH).then().statusCode(403);
        agentUser.body("{\"ticketId\":1,\"aiAgentId\":\"x\"}").post(PATH).then().statusCode(403);
        given().header("Authorization", TestTokens.serviceWorker()).delete(PATH + "/1").then().statusCode(403);
        given().get(PATH).then().statusCode(401);
    }

    @Test
    void theSameCaseTwiceUnderOneIdempotencyKeyIsStoredOnce() {
        Agent agent = agent();
        long ticketId = ticket();
        String body = "{\"ticketId\":" + ticketId + ",\"aiAgentId\":\"" + agent.slug() + "\"}";
        int first = asAdmin().header("Idempotency-Key", "k-" + ticketId).body(body).post(PATH).then().statusCode(200)
                .extract().path("testCase.id");
        asAdmin().header("Idempotency-Key", "k-" + ticketId).body(body).post(PATH).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("testCase.id", is(first));
        asAdmin().queryParam("aiAgentId", agent.slug()).get(PATH).then().body("testCases.id", containsInAnyOrder(first));
    }

    @Test
    void aFailingAgentServiceIs503WithRetryAfter() {
        String slug = Stubs.slug();
        services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/mind/aiAgent/" + slug))
                .willReturn(Stubs.json(500, "{\"success\":false,\"error\":\"boom\"}")));
        asAdmin().body("{\"ticketId\":" + ticket() + ",\"aiAgentId\":\"" + slug + "\"}").post(PATH)
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", is(false))
                .body("code", equalTo("dependency_unavailable"));
    }
}
