package mind.aiagent.smart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.aiagent.run.TicketServiceStub;
import mind.aiagent.run.TicketServiceStub.InjectTicketService;
import mind.aiagent.smart.LlmStub.InjectLlm;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Smart agents against a WireMock chat endpoint answering recorded OpenAI chat completions: the LLM's
 * values and draft go through the agent's CEL conditions and texts; an endpoint that is down is a 503,
 * an unusable answer or a refused key an llmError outcome; the key is in no answer.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(LlmStub.class)
class SmartAgentTest {

    static final String ONE = "/api/mind/aiAgent";
    static final String CHAT = "/v1/chat/completions";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectLlm
    WireMockServer llm;

    /** Bank data change: the IBAN has no pattern, only the LLM reads it; the "change" case has no text, so the draft is sent. */
    static final String SETTINGS = """
            {"llm":{"instructions":"Customers write in German. IBANs without spaces."},
             "parameters":[
               {"key":"iban","name":"IBAN","type":"string","required":true,"description":"the new IBAN"},
               {"key":"accountHolder","name":"Account holder","type":"string"},
               {"key":"firstName","type":"string","source":"customer","value":"Kunde"}],
             "responseCases":[
               {"id":"change","description":"a German IBAN to store","autoExecute":true,
                "condition":"iban.startsWith('DE') && size(iban) == 22",
                "output":{"type":"reply","ticketUpdate":{"status":"closed"}}},
               {"id":"foreign","description":"an IBAN that is not German",
                "condition":"!iban.startsWith('DE')",
                "output":{"type":"internalNote","text":"Foreign IBAN {iban} from {firstName}: please check."}}]}""";

    static final String TICKET = """
            {"id":88,"subject":"Neue Bankverbindung","body":"Hallo, bitte buchen Sie ab sofort von meinem neuen Konto ab: DE89 3704 0044 0532 0130 00, Kontoinhaberin Erika Mustermann.","channel":"email",
             "customer":{"id":5,"firstName":"Erika"}}""";

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    /** A recorded chat completion whose message content is {@code content}. */
    static String completion(String content) throws IOException {
        try (InputStream in = SmartAgentTest.class.getResourceAsStream("/llm/chat-completion.json")) {
            String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String quoted = JSON.writeValueAsString(content);
            return recorded.replace("\"{{CONTENT}}\"", quoted);
        }
    }

    @BeforeEach
    void stubs() {
        ticketSvc.resetAll();
        llm.resetAll();
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/88")).willReturn(okJson(TICKET)));
        ticketSvc.stubFor(any(urlPathMatching("/api/mind/ticket/88/.+")).atPriority(10)
                .willReturn(okJson("{\"success\":true,\"id\":1}")));
        ticketSvc.stubFor(any(urlPathEqualTo("/api/mind/ticket/88")).atPriority(20)
                .willReturn(okJson("{\"success\":true}")));
    }

    private int createAgent() {
        String slug = "smart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return asAdmin().body("{\"name\":\"Change bank data (LLM)\",\"description\":\"Customer sends a new IBAN\","
                + "\"intelligence\":\"smart\",\"slug\":\"" + slug + "\",\"settings\":" + SETTINGS + "}")
                .post(ONE).then().statusCode(200).extract().path("id");
    }

    private void llmAnswers(String content) throws IOException {
        llm.stubFor(post(urlPathEqualTo(CHAT)).willReturn(okJson(completion(content))));
    }

    private Response preview(int id) {
        return asAdmin().queryParam("ticketId", 88).body("{}").post(ONE + "/" + id + "/preview");
    }

    @Test
    void theLlmsValuesAndDraftRunThroughTheAgentsConditions() throws Exception {
        int id = createAgent();
        llmAnswers("""
                {"parameters":{"iban":"DE89370400440532013000","accountHolder":"Erika Mustermann"},
                 "responseCase":"change",
                 "draft":"Hallo Frau Mustermann, wir haben Ihre neue Bankverbindung gespeichert."}""");

        Response answer = preview(id);
        answer.then().statusCode(200)
                .body("success", is(true))
                .body("dataOutcome.iban", is("DE89370400440532013000"))
                .body("dataOutcome.accountHolder", is("Erika Mustermann"))
                .body("dataOutcome.firstName", is("Erika"))
                .body("customerOutcomeType", is("reply"))
                .body("customerOutcome.responseCaseId", is("change"))
                .body("customerOutcome.text", is("Hallo Frau Mustermann, wir haben Ihre neue Bankverbindung gespeichert."))
                .body("dataOutcomeInfo", containsString("LLM gpt-4o-mini proposed response case change"))
                .body("curlRequests[0].method", is("PATCH"));
        assertFalse(answer.asString().contains(LlmStub.KEY));

        // what was asked: the model, a strict JSON schema over the agent's parameters, the ticket and the agent's instructions
        llm.verify(1, postRequestedFor(urlPathEqualTo(CHAT))
                .withHeader("Authorization", equalTo("Bearer " + LlmStub.KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo(LlmStub.MODEL)))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.strict", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.parameters.required",
                        containing("iban")))
                .withRequestBody(containing("Neue Bankverbindung"))
                .withRequestBody(containing("Customers write in German")));
    }

    @Test
    void listAndObjectParametersAreAskedForAndReadBack() throws Exception {
        String slug = "smart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int id = asAdmin().body("{\"name\":\"Meter readings (LLM)\",\"intelligence\":\"smart\",\"slug\":\"" + slug
                + "\",\"settings\":{\"parameters\":[{\"key\":\"meters\",\"type\":\"list\",\"required\":true},"
                + "{\"key\":\"tariff\",\"type\":\"object\"}],\"responseCases\":[{\"id\":\"several\","
                + "\"condition\":\"size(meters) > 1 && tariff.plan == 'basic'\",\"output\":{\"type\":\"internalNote\","
                + "\"text\":\"{#for m in meters}{m}{#if m_hasNext} {/if}{/for}\"}}]}}")
                .post(ONE).then().statusCode(200).extract().path("id");
        // the object comes as its JSON text (the strict schema cannot leave its fields open), the list as an array
        llmAnswers("""
                {"parameters":{"meters":["Z-1",2],"tariff":"{\\"plan\\":\\"basic\\"}"},"responseCase":null,"draft":null}""");

        preview(id).then().statusCode(200)
                .body("success", is(true))
                .body("dataOutcome.meters", contains("Z-1", 2))
                .body("dataOutcome.tariff.plan", is("basic"))
                .body("customerOutcome.text", is("Z-1 2"));
        String schema = "$.response_format.json_schema.schema.properties.parameters.properties.";
        llm.verify(1, postRequestedFor(urlPathEqualTo(CHAT))
                .withRequestBody(matchingJsonPath(schema + "meters.anyOf[0].type", equalTo("array")))
                .withRequestBody(matchingJsonPath(schema + "meters.anyOf[0].items.anyOf[0].type", equalTo("string")))
                .withRequestBody(matchingJsonPath(schema + "tariff.anyOf[0].type", equalTo("string"))));
    }

    @Test
    void aProposedCaseWhoseConditionFailsIsNotTaken() throws Exception {
        int id = createAgent();
        // the LLM says "change", but the IBAN is Austrian: the agent's conditions decide
        llmAnswers("""
                {"parameters":{"iban":"AT611904300234573201","accountHolder":null},"responseCase":"change","draft":"Erledigt!"}""");

        preview(id).then().statusCode(200)
                .body("success", is(true))
                .body("customerOutcome.responseCaseId", is("foreign"))
                .body("customerOutcomeType", is("internalNote"))
                .body("customerOutcome.text", is("Foreign IBAN AT611904300234573201 from Erika: please check."));
    }

    @Test
    void anAppliedSmartOutcomeStoresTheDraftThroughTicketSvc() throws Exception {
        int id = createAgent();
        llmAnswers("""
                {"parameters":{"iban":"DE89370400440532013000","accountHolder":"Erika Mustermann"},
                 "responseCase":"change","draft":"Ihre Bankverbindung ist gespeichert."}""");

        asAdmin().header("Idempotency-Key", "smart-" + UUID.randomUUID())
                .body("{\"aiAgentId\":" + id + ",\"ticketId\":88,\"data\":{},\"dryRun\":false}")
                .post(ONE + "/outcome").then().statusCode(200)
                .body("success", is(true))
                .body("customerOutcome.text", is("Ihre Bankverbindung ist gespeichert."));

        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket/88/conversation/reply"))
                .withRequestBody(matchingJsonPath("$.content.message", equalTo("Ihre Bankverbindung ist gespeichert.")))
                .withRequestBody(matchingJsonPath("$.isDraft", equalTo("true"))));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket/88/events"))
                .withRequestBody(matchingJsonPath("$.data.parameters.iban", equalTo("DE89370400440532013000"))));
    }

    @Test
    void anLlmThatIsDownIsA503WithRetryAfterAndNothingIsWritten() {
        int id = createAgent();
        llm.stubFor(post(urlPathEqualTo(CHAT)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")));

        Response answer = asAdmin().body("{\"aiAgentId\":" + id + ",\"ticketId\":88,\"data\":{},\"dryRun\":false}")
                .post(ONE + "/outcome");
        answer.then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", is(false))
                .body("code", is("llm_unavailable"))
                .body("error", containsString("the LLM endpoint answered HTTP 500"));
        assertFalse(answer.asString().contains(LlmStub.KEY));
        // retried once ("not now"), then given up
        llm.verify(2, postRequestedFor(urlPathEqualTo(CHAT)));
        assertEquals(0, ticketSvc.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.getMethod().getName().equals("GET")).count());
    }

    @Test
    void anLlmThatDoesNotAnswerInTimeIsA503AndNotRetried() {
        int id = createAgent();
        llm.stubFor(post(urlPathEqualTo(CHAT)).willReturn(okJson("{}").withFixedDelay(4_000)));

        preview(id).then().statusCode(503)
                .body("code", is("llm_unavailable"))
                .body("error", containsString("did not answer in time"));
        llm.verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
    }

    @Test
    void aMalformedAnswerIsAnLlmErrorOutcome() throws Exception {
        int id = createAgent();
        llmAnswers("Gern! Die neue IBAN lautet DE89370400440532013000.");

        preview(id).then().statusCode(200)
                .body("success", is(false))
                .body("customerOutcomeType", is("llmError"))
                .body("error", containsString("not JSON"));

        llmAnswers("{\"iban\":\"DE89370400440532013000\"}");
        preview(id).then().statusCode(200)
                .body("success", is(false))
                .body("customerOutcomeType", is("llmError"))
                .body("error", containsString("no \"parameters\" object"));
    }

    @Test
    void aRefusedKeyIsAnLlmErrorThatNeverQuotesTheKey() {
        int id = createAgent();
        // OpenAI's 401 quotes part of the key; none of it may reach an answer
        llm.stubFor(post(urlPathEqualTo(CHAT)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + LlmStub.KEY + ". You can find your "
                        + "API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_api_key\"}}")));

        Response answer = preview(id);
        answer.then().statusCode(200)
                .body("success", is(false))
                .body("customerOutcomeType", is("llmError"))
                .body("error", containsString("HTTP 401"))
                .body("error", containsString("mind.aiagent.llm.key"))
                .body(not(containsString("sk-test")));
        assertFalse(answer.asString().contains("sk-test"));
        llm.verify(1, postRequestedFor(urlPathEqualTo(CHAT)));

        // nor does reading the agent show it anywhere
        assertFalse(asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id).asString().contains("sk-test"));
    }
}
