package mind.aiagent.executor;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.aiagent.executor.ExecutorStub.InjectExecutor;
import mind.aiagent.run.TicketServiceStub;
import mind.aiagent.run.TicketServiceStub.InjectTicketService;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Source-code executors against a WireMock executor endpoint: the engine's parameters, the ticket, the code
 * and the executor's opened secrets are sent; its answer is the outcome; secrets never come back; an endpoint
 * that is down is a 503, an unusable or refused answer an outcome of type error.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(ExecutorStub.class)
class SourceCodeExecutorTest {

    static final String ONE = "/api/mind/aiAgent";
    static final String API_KEY = "sk-exec-7f3a9c1e-do-not-leak";
    static final String PASSWORD = "pw-4711-erp-do-not-leak";
    static final String CODE = "def run(p, t, s):\n    return {'success': True}";

    static final String SETTINGS = """
            {"parameters":[
               {"key":"reading","name":"Meter reading","type":"number","required":true,
                "pattern":"Zählerstand[^0-9]*(?P<value>[0-9]+)"}],
             "executor":[{"type":"sourceCode","language":"python311","code":%s,
               "password":"%s","secrets":{"apiKey":"%s"}}]}""";

    static final String TICKET = """
            {"id":91,"subject":"Zählerstand","body":"Mein Zählerstand ist 12345.","channel":"email",
             "customer":{"id":5,"firstName":"Erika"}}""";

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectExecutor
    WireMockServer executor;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    @BeforeEach
    void stubs() {
        ticketSvc.resetAll();
        executor.resetAll();
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/91")).willReturn(okJson(TICKET)));
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/92")).willReturn(okJson(
                "{\"id\":92,\"subject\":\"Frage\",\"body\":\"Wann kommt die Rechnung?\"}")));
        ticketSvc.stubFor(any(urlPathMatching("/api/mind/ticket/9[12]/.+")).atPriority(10)
                .willReturn(okJson("{\"success\":true,\"id\":1}")));
        ticketSvc.stubFor(any(urlPathEqualTo("/api/mind/ticket/91")).atPriority(20)
                .willReturn(okJson("{\"success\":true}")));
    }

    private int createAgent() {
        String slug = "exec_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String settings = SETTINGS.formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(CODE).toString(),
                PASSWORD, API_KEY);
        return asAdmin().body("{\"name\":\"Meter reading (ERP)\",\"slug\":\"" + slug + "\",\"settings\":" + settings + "}")
                .post(ONE).then().statusCode(200).extract().path("id");
    }

    private void executorAnswers(String body) {
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.PATH)).willReturn(okJson(body)));
    }

    private Response preview(int id, long ticketId) {
        return asAdmin().queryParam("ticketId", ticketId).body("{}").post(ONE + "/" + id + "/preview");
    }

    private static void assertNoSecret(Response answer) {
        String text = answer.asString();
        assertFalse(text.contains(API_KEY), text);
        assertFalse(text.contains(PASSWORD), text);
    }

    private List<LoggedRequest> writesToTicketSvc() {
        return ticketSvc.findAll(anyRequestedFor(anyUrl())).stream().filter(r -> !r.getMethod().getName().equals("GET"))
                .toList();
    }

    @Test
    void theExecutorsAnswerIsTheOutcomeAndItWasSentCodeParametersTicketAndSecrets() {
        int id = createAgent();
        executorAnswers("""
                {"success":true,"output":{"type":"reply",
                  "text":"Danke, wir haben den Zählerstand 12345 gespeichert (Vorgang %s).",
                  "ticketUpdate":{"status":"closed","note":"key %s"},"autoExecute":true}}""".formatted(API_KEY, PASSWORD));

        Response answer = preview(id, 91);
        answer.then().statusCode(200)
                .body("success", is(true))
                .body("dataOutcome.reading", is(12345.0f))
                .body("customerOutcomeType", is("reply"))
                .body("customerOutcome.responseCaseId", is("executor"))
                .body("customerOutcome.autoExecute", is(true))
                .body("customerOutcome.text", is("Danke, wir haben den Zählerstand 12345 gespeichert (Vorgang ********)."))
                .body("customerOutcome.ticketUpdate.status", is("closed"))
                .body("customerOutcome.ticketUpdate.note", is("key ********"))
                .body("customerOutcomeInfo", containsString("Source code (python311)"))
                .body("dataOutcomeInfo", containsString("executor python311 answered"))
                .body("curlRequests[0].method", is("PATCH"))
                .body("curlRequests[1].url", containsString("/conversation/reply"))
                .body("curlRequests[1].executed", is(false));
        assertNoSecret(answer);

        // exactly once, with the protocol's body, the secrets opened, and no header of the caller
        executor.verify(1, postRequestedFor(urlPathEqualTo(ExecutorStub.PATH))
                .withHeader("Content-Type", containing("application/json"))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.language", equalTo("python311")))
                .withRequestBody(matchingJsonPath("$.code", equalTo(CODE)))
                .withRequestBody(matchingJsonPath("$.parameters.reading", equalTo("12345.0")))
                .withRequestBody(matchingJsonPath("$.ticket.id", equalTo("91")))
                .withRequestBody(matchingJsonPath("$.ticket.body", equalTo("Mein Zählerstand ist 12345.")))
                .withRequestBody(matchingJsonPath("$.secrets.apiKey", equalTo(API_KEY)))
                .withRequestBody(matchingJsonPath("$.secrets.password", equalTo(PASSWORD))));
        // a preview writes nothing
        assertEquals(List.of(), writesToTicketSvc());
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(String text) {
        return com.github.tomakehurst.wiremock.client.WireMock.containing(text);
    }

    @Test
    void anAppliedOutcomeWritesWhatTheExecutorDecided() {
        int id = createAgent();
        executorAnswers("""
                {"success":true,"output":{"type":"internalNote","text":"Reading 12345 booked in the ERP.",
                  "ticketUpdate":{"status":"closed"}}}""");

        Response answer = asAdmin().header("Idempotency-Key", "exec-" + UUID.randomUUID())
                .body("{\"aiAgentId\":" + id + ",\"ticketId\":91,\"dryRun\":false}").post(ONE + "/outcome");
        answer.then().statusCode(200).body("success", is(true)).body("customerOutcomeType", is("internalNote"))
                .body("curlRequests[0].executed", is(true));
        assertNoSecret(answer);
        ticketSvc.verify(1, com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                urlPathEqualTo("/api/mind/ticket/91")).withRequestBody(matchingJsonPath("$.status", equalTo("closed"))));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket/91/conversation/reply"))
                .withRequestBody(matchingJsonPath("$.content.message", equalTo("Reading 12345 booked in the ERP.")))
                .withRequestBody(matchingJsonPath("$.private", equalTo("true"))));
    }

    @Test
    void aPreviewOfTheMaskedAgentRunsWithTheStoredSecrets() {
        int id = createAgent();
        executorAnswers("{\"success\":true,\"output\":{\"type\":\"none\"}}");
        String masked = asAdmin().get(ONE + "/" + id).then().statusCode(200).extract().asString();
        assertFalse(masked.contains(API_KEY));
        assertTrue(masked.contains("********"));

        asAdmin().queryParam("ticketId", 91).body(masked).post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("success", is(true)).body("customerOutcomeType", is("none"));
        executor.verify(1, postRequestedFor(urlPathEqualTo(ExecutorStub.PATH))
                .withRequestBody(matchingJsonPath("$.secrets.apiKey", equalTo(API_KEY)))
                .withRequestBody(matchingJsonPath("$.secrets.password", equalTo(PASSWORD))));
    }

    @Test
    void anExecutorThatIsDownIsA503WithRetryAfterAfterOneRetry() {
        int id = createAgent();
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.PATH)).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":\"overloaded, key " + API_KEY + "\"}")));

        Response answer = preview(id, 91);
        answer.then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", is(false))
                .body("code", is("executor_unavailable"))
                .body("error", containsString("the executor endpoint answered HTTP 503"));
        assertNoSecret(answer);
        executor.verify(2, postRequestedFor(urlPathEqualTo(ExecutorStub.PATH)));

        executor.resetAll();
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        preview(id, 91).then().statusCode(503).body("code", is("executor_unavailable"))
                .body("error", containsString("could not be reached"));
        assertEquals(List.of(), writesToTicketSvc());
    }

    @Test
    void aMalformedAnswerIsAnOutcomeOfTypeErrorSayingWhy() {
        int id = createAgent();
        executorAnswers("this is not json " + API_KEY);
        Response answer = preview(id, 91);
        answer.then().statusCode(200)
                .body("success", is(false))
                .body("customerOutcomeType", is("error"))
                .body("error", containsString("it is not JSON"))
                .body("dataOutcome.reading", is(12345.0f));
        assertNoSecret(answer);

        executor.resetAll();
        executorAnswers("{\"success\":true,\"output\":{\"type\":\"shout\",\"text\":\"HELLO\"}}");
        preview(id, 91).then().statusCode(200).body("success", is(false)).body("customerOutcomeType", is("error"))
                .body("error", containsString("output.type must be one of reply, internalNote, none"));

        executor.resetAll();
        executorAnswers("{\"success\":true,\"output\":{\"type\":\"reply\"}}");
        preview(id, 91).then().statusCode(200).body("customerOutcomeType", is("error"))
                .body("error", containsString("output.text is required"));
        assertEquals(List.of(), writesToTicketSvc());
    }

    @Test
    void aFailureTheCodeReportsOrARefusalIsAnOutcomeOfTypeErrorWithoutSecrets() {
        int id = createAgent();
        executorAnswers("{\"success\":false,\"error\":\"ERP login failed for " + API_KEY + "\"}");
        Response answer = preview(id, 91);
        answer.then().statusCode(200).body("success", is(false)).body("customerOutcomeType", is("error"))
                .body("error", is("The executor reported a failure: ERP login failed for ********"));
        assertNoSecret(answer);

        executor.resetAll();
        executor.stubFor(post(urlPathEqualTo(ExecutorStub.PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"bad code near " + PASSWORD + "\"}")));
        Response refused = preview(id, 91);
        refused.then().statusCode(200).body("success", is(false)).body("customerOutcomeType", is("error"))
                .body("error", containsString("refused the request (HTTP 400)"));
        assertNoSecret(refused);
        // a refusal is final: not retried
        executor.verify(1, postRequestedFor(urlPathEqualTo(ExecutorStub.PATH)));
    }

    @Test
    void aMissingRequiredParameterEndsTheRunBeforeTheExecutorIsAsked() {
        int id = createAgent();
        executorAnswers("{\"success\":true,\"output\":{\"type\":\"none\"}}");
        preview(id, 92).then().statusCode(200).body("customerOutcomeType", is("missingData"))
                .body("customerOutcome.missing", is(List.of("reading")))
                .body("customerOutcome.text", not(containsString(API_KEY)));
        executor.verify(0, anyRequestedFor(anyUrl()));
    }
}
