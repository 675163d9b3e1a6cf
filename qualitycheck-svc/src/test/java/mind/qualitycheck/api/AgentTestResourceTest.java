package mind.qualitycheck.api;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

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

/** {@code POST /aiQualityCheck/testAiAgent}: one agent on one ticket, now, against stubbed aiagent-svc and ticket-svc. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(ServicesStub.class)
class AgentTestResourceTest {

    static final String PATH = "/api/mind/aiQualityCheck/testAiAgent";

    @InjectServices
    WireMockServer services;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private record Agent(long id, String slug) {
    }

    private Agent agent() {
        Agent agent = new Agent(Stubs.ticketId(), Stubs.slug());
        Stubs.agent(services, agent.id(), agent.slug(), "Agent " + agent.slug());
        return agent;
    }

    private long ticket() {
        long id = Stubs.ticketId();
        Stubs.ticket(services, id);
        return id;
    }

    private static String body(Object aiAgentId, Object ticketId) {
        return "{\"aiAgentId\":" + aiAgentId + ",\"ticketId\":" + ticketId + "}";
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private RequestPatternBuilder outcomeOf(Agent agent) {
        return postRequestedFor(urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.aiAgentId", WireMock.equalTo(Long.toString(agent.id()))));
    }

    @Test
    void answersTheActualResultATestRunWouldRecordWithTheCallersToken() {
        Agent agent = agent();
        long ticketId = ticket();
        Stubs.outcome(services, agent.id(), ticketId, "handover");
        String admin = TestTokens.bearer(77, Roles.ADMIN);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body(quoted(agent.slug()), ticketId))
                .post(PATH).then().statusCode(200)
                .body("success", is(true))
                .body("aiAgentId", equalTo(agent.slug()))
                .body("aiAgentName", equalTo("Agent " + agent.slug()))
                .body("ticketId", is(Stubs.num(ticketId)))
                .body("actualResult.contractId", equalTo("C" + ticketId))
                .body("actualResult.sentiment", equalTo("neutral"))
                .body("actualResult.tags", contains(3, 1))
                .body("actualResult.aiSupportLevel", equalTo("human"))
                .body("actualResult.intentDetection", contains(agent.slug()))
                .body("actualResult.outcomeType." + agent.slug(), equalTo("handover"))
                .body("actualResult.outcomeText." + agent.slug(), equalTo("Your bank data was changed"))
                .body("actualResult.inputParameters." + agent.slug() + ".iban", equalTo("DE02120300000000202051"))
                .body("actualResult.outcomeActions." + agent.slug(), contains("PATCH https://erp.example/contract"))
                .body("actualResult.outcomeNotifications." + agent.slug(), contains("IBAN is valid"))
                .body("actualResult.error", nullValue())
                .body("rawResult.customerOutcomeType", equalTo("handover"))
                .body("rawResult.curlRequests[0].headers.Authorization", equalTo("********"))
                // no test case of the agent on the ticket: nothing to judge by
                .body("testCases", empty())
                .body("successful", nullValue())
                .body("scores.size()", is(0));
        services.verify(1, outcomeOf(agent)
                .withRequestBody(matchingJsonPath("$.ticketId", WireMock.equalTo(Long.toString(ticketId))))
                .withRequestBody(matchingJsonPath("$.dryRun", WireMock.equalTo("true")))
                .withHeader("Authorization", WireMock.equalTo(admin)));
        // nothing is stored: no run, no test case
        asAdmin().queryParam("aiAgentId", agent.slug()).get("/api/mind/aiQualityCheck/testRun").then()
                .statusCode(200).body("total", is(0));
        asAdmin().get("/api/mind/aiQualityCheck/testCase/" + agent.slug()).then().statusCode(200).body("total", is(0));
    }

    @Test
    void theAgentsTestCasesOnTheTicketJudgeTheResult() {
        Agent agent = agent();
        long ticketId = ticket();
        long otherTicket = ticket();
        Stubs.outcome(services, agent.id(), ticketId, "handover");
        int met = asAdmin().body("{\"ticketId\":" + ticketId + ",\"aiAgentId\":" + quoted(agent.slug())
                + ",\"description\":\"hands over\",\"expectedResult\":{\"outcomeType\":{\"" + agent.slug()
                + "\":\"handover\"},\"tags\":[1,3]}}")
                .post("/api/mind/aiQualityCheck/testCase").then().statusCode(200).extract().path("testCase.id");
        int missed = asAdmin().body("{\"ticketId\":" + ticketId + ",\"aiAgentId\":" + quoted(agent.slug())
                + ",\"expectedResult\":{\"outcomeType\":{\"" + agent.slug() + "\":\"handover\"},\"sentiment\":\"angry\"}}")
                .post("/api/mind/aiQualityCheck/testCase").then().statusCode(200).extract().path("testCase.id");
        // a case of the same agent on another ticket does not judge this one
        asAdmin().body("{\"ticketId\":" + otherTicket + ",\"aiAgentId\":" + quoted(agent.slug())
                + ",\"expectedResult\":{\"sentiment\":\"angry\"}}")
                .post("/api/mind/aiQualityCheck/testCase").then().statusCode(200);

        asAdmin().body(body(quoted(agent.slug()), ticketId)).post(PATH).then().statusCode(200)
                .body("testCases.testCaseId", contains(met, missed))
                .body("testCases[0].description", equalTo("hands over"))
                .body("testCases[0].expectedResult.outcomeType." + agent.slug(), equalTo("handover"))
                .body("testCases.successful", contains(true, false))
                .body("successful", is(false))
                .body("scores.overall", is(0.5f))
                .body("scores.outcomeType", is(1.0f))
                .body("scores.tags", is(1.0f))
                .body("scores.sentiment", is(0.0f));
        // still nothing stored: the two cases are all there is, no run
        asAdmin().queryParam("aiAgentId", agent.slug()).get("/api/mind/aiQualityCheck/testRun").then()
                .statusCode(200).body("total", is(0));
    }

    @Test
    void theAgentMayBeNamedByItsNumericIdAndAFailedRunIsAResult() {
        Agent agent = agent();
        long ticketId = ticket();
        services.stubFor(WireMock.post(urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.aiAgentId", WireMock.equalTo(Long.toString(agent.id()))))
                .willReturn(Stubs.json(200, "{\"success\":false,\"error\":\"No response case matched\",\"dataOutcome\":{},"
                        + "\"customerOutcomeType\":\"noMatch\",\"curlRequests\":[]}")));
        asAdmin().body(body(agent.id(), ticketId)).post(PATH).then().statusCode(200)
                .body("success", is(true))
                .body("aiAgentId", equalTo(agent.slug()))
                .body("actualResult.error", equalTo("No response case matched"))
                .body("actualResult.intentDetection", org.hamcrest.Matchers.empty())
                .body("actualResult.outcomeType." + agent.slug(), equalTo("noMatch"));
        asAdmin().body(body(quoted(Long.toString(agent.id())), ticketId)).post(PATH).then().statusCode(200)
                .body("aiAgentId", equalTo(agent.slug()));
    }

    @Test
    void invalidBodiesAre400NamingTheFieldAndCallNoAgent() {
        Agent agent = agent();
        long ticketId = ticket();
        asAdmin().body("{\"ticketId\":" + ticketId + "}").post(PATH).then().statusCode(400)
                .body("success", is(false)).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body(body("true", ticketId)).post(PATH).then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body(body("{\"x\":1}", ticketId)).post(PATH).then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body(body(quoted(" "), ticketId)).post(PATH).then().statusCode(400).body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body(body(quoted("a".repeat(300)), ticketId)).post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("aiAgentId"));
        asAdmin().body("{\"aiAgentId\":" + quoted(agent.slug()) + "}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("ticketId"));
        asAdmin().body(body(quoted(agent.slug()), -3)).post(PATH).then().statusCode(400).body("details[0].field", equalTo("ticketId"));
        asAdmin().body(body(quoted(agent.slug()), quoted("abc"))).post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("ticketId"));
        asAdmin().body("").post(PATH).then().statusCode(400).body("success", is(false));
        services.verify(0, outcomeOf(agent));
    }

    @Test
    void anUnknownAgentOrTicketIs404() {
        Agent agent = agent();
        long ticketId = ticket();
        asAdmin().body(body(quoted(Stubs.slug()), ticketId)).post(PATH).then().statusCode(404)
                .body("success", is(false)).body("error", containsString("AI agent"));
        long unknownTicket = Stubs.ticketId();
        asAdmin().body(body(quoted(agent.slug()), unknownTicket)).post(PATH).then().statusCode(404)
                .body("error", containsString("Ticket " + unknownTicket));
        services.verify(0, outcomeOf(agent));
        // aiagent-svc itself no longer finds what the dry run needs
        services.stubFor(WireMock.post(urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.aiAgentId", WireMock.equalTo(Long.toString(agent.id()))))
                .willReturn(Stubs.json(404, "{\"success\":false,\"error\":\"AI agent not found\",\"code\":\"not_found\"}")));
        asAdmin().body(body(quoted(agent.slug()), ticketId)).post(PATH).then().statusCode(404)
                .body("error", containsString("aiagent-svc"));
    }

    @Test
    void anUnavailableServiceIs503WithRetryAfter() {
        Agent down = new Agent(Stubs.ticketId(), Stubs.slug());
        services.stubFor(WireMock.get(urlPathEqualTo("/api/mind/aiAgent/" + down.slug()))
                .willReturn(Stubs.json(500, "{\"success\":false,\"error\":\"boom\"}")));
        asAdmin().body(body(quoted(down.slug()), ticket())).post(PATH).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", is(false)).body("code", equalTo("dependency_unavailable"));

        Agent agent = agent();
        long brokenTicket = Stubs.ticketId();
        services.stubFor(WireMock.get(urlPathEqualTo("/api/mind/ticket/" + brokenTicket))
                .willReturn(Stubs.json(503, "{\"success\":false,\"error\":\"starting\"}")));
        asAdmin().body(body(quoted(agent.slug()), brokenTicket)).post(PATH).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("dependency_unavailable")).body("error", containsString("ticket-svc"));

        long ticketId = ticket();
        services.stubFor(WireMock.post(urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.aiAgentId", WireMock.equalTo(Long.toString(agent.id()))))
                .willReturn(Stubs.json(500, "{\"success\":false,\"error\":\"boom\"}")));
        asAdmin().body(body(quoted(agent.slug()), ticketId)).post(PATH).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("dependency_unavailable")).body("error", containsString("aiagent-svc"));
    }

    @Test
    void needsAdminOrUpdateAiAgent() {
        Agent agent = agent();
        long ticketId = ticket();
        Stubs.outcome(services, agent.id(), ticketId, "reply");
        given().header("Authorization", TestTokens.agent(4)).contentType(ContentType.JSON).body(body(quoted(agent.slug()), ticketId))
                .post(PATH).then().statusCode(403);
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body(body(quoted(agent.slug()), ticketId)).post(PATH).then().statusCode(403);
        given().contentType(ContentType.JSON).body(body(quoted(agent.slug()), ticketId)).post(PATH).then().statusCode(401);
        services.verify(0, outcomeOf(agent));
        given().header("Authorization", TestTokens.bearer(12, Roles.AGENT, Roles.UPDATE_AI_AGENT)).contentType(ContentType.JSON)
                .body(body(quoted(agent.slug()), ticketId)).post(PATH).then().statusCode(200)
                .body("actualResult.outcomeType." + agent.slug(), equalTo("reply"));
    }
}
