package mind.aiagent.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.aiagent.run.TicketServiceStub.InjectTicketService;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class AgentPreviewTest {

    static final String ONE = "/api/mind/aiAgent";

    @InjectTicketService
    WireMockServer ticketSvc;

    @Inject
    javax.sql.DataSource dataSource;

    static final String SETTINGS = """
            {"parameters":[
               {"key":"meterNumber","name":"Meter number","type":"string","source":"pattern",
                "pattern":"(?i)z(?:ä|ae)hlernummer[: ]+([A-Z0-9-]{4,})","required":true},
               {"key":"reading","name":"Reading","type":"number","source":"pattern",
                "pattern":"(?i)stand[: ]+(\\\\d[\\\\d.,]*)","required":true}],
             "responseCases":[
               {"id":"ok","condition":"reading > 0","autoExecute":true,
                "output":{"type":"reply","text":"We stored {reading} for meter {meterNumber}.","ticketUpdate":{"status":"closed"}}}]}""";

    static final String TICKET = """
            {"id":77,"subject":"Zählerstand","body":"Zählernummer: Z-4711, Stand: 1.234","channel":"email",
             "customer":{"id":5,"firstName":"Anna"}}""";

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    @BeforeEach
    void stubs() {
        ticketSvc.resetAll();
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/77")).willReturn(okJson(TICKET)));
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/404")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Ticket not found\",\"code\":\"not_found\"}")));
        ticketSvc.stubFor(any(urlPathMatching("/api/mind/ticket/77(/.*)?")).atPriority(10)
                .willReturn(okJson("{\"success\":true,\"id\":1}")));
    }

    private int createAgent(String settings) {
        String slug = "preview_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return asAdmin().body("{\"name\":\"Meter\",\"slug\":\"" + slug + "\",\"settings\":" + settings + "}")
                .post(ONE).then().statusCode(200).extract().path("id");
    }

    private String dbState() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                var r = s.executeQuery("select count(*), coalesce(sum(version), 0), coalesce(max(id), 0) from ai_agent")) {
            r.next();
            return r.getLong(1) + "/" + r.getLong(2) + "/" + r.getLong(3);
        }
    }

    private List<LoggedRequest> writesToTicketSvc() {
        return ticketSvc.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.getMethod().getName().equals("GET")).toList();
    }

    @Test
    void previewOfTheStoredAgentRendersTheOutcomeAndWritesNothing() throws Exception {
        int id = createAgent(SETTINGS);
        String before = dbState();
        asAdmin().queryParam("ticketId", 77).body("{}").post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("success", is(true))
                .body("error", nullValue())
                .body("dataOutcome.reading", is(1234.0f))
                .body("dataOutcome.meterNumber", is("Z-4711"))
                .body("customerOutcomeType", is("reply"))
                .body("customerOutcome.text", is("We stored 1234 for meter Z-4711."))
                .body("customerOutcome.autoExecute", is(true))
                .body("curlRequests", hasSize(3))
                .body("curlRequests[0].method", is("PATCH"))
                .body("curlRequests[1].url", containsString("/api/mind/ticket/77/conversation/reply"))
                .body("curlRequests[1].body.isDraft", is(true))
                .body("curlRequests[1].curl", containsString("curl -X POST"))
                .body("curlRequests[2].executed", is(false));
        assertEquals(List.of(), writesToTicketSvc());
        assertEquals(before, dbState());
    }

    @Test
    void theCurlLinesNameTheAddressTheCallerUsedNotTicketSvcs() throws Exception {
        int id = createAgent(SETTINGS);
        String internal = "localhost:" + ticketSvc.port();
        asAdmin().header("Host", "mind.example.com").queryParam("ticketId", 77).body("{}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("curlRequests", hasSize(3))
                .body("curlRequests[0].url", is("http://mind.example.com/api/mind/ticket/77"))
                .body("curlRequests[1].url", is("http://mind.example.com/api/mind/ticket/77/conversation/reply"))
                .body("curlRequests[1].curl", containsString("'http://mind.example.com/api/mind/ticket/77/conversation/reply'"))
                .body("curlRequests.url", everyItem(not(containsString(internal))));
        // a Host header is the caller's to choose: it stays inside one quoted word of the shell line
        asAdmin().header("Host", "x'$(id)'").queryParam("ticketId", 77).body("{}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("curlRequests[0].curl", startsWith("curl -X PATCH 'http://x'\\''$(id)'\\''/api/mind/ticket/77' -H"));
    }

    @Test
    void ticketIdInTheBodyWhenTheQueryHasNoneTheQueryWinsWhenBoth() throws Exception {
        int id = createAgent(SETTINGS);
        asAdmin().get(ONE + "/" + id).then().header("ETag", "\"0\"");
        String before = dbState();
        // newer clients: jq '. + {ticketId: 77}' on the agent, or on an empty body
        asAdmin().body("{\"ticketId\":77}").post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("success", is(true))
                .body("customerOutcomeType", is("reply"))
                .body("customerOutcome.text", is("We stored 1234 for meter Z-4711."));
        String agent = asAdmin().get(ONE + "/" + id).then().extract().asString();
        asAdmin().body(agent.replaceFirst("^\\{", "{\"ticketId\":\"77\","))
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("success", is(true))
                .body("dataOutcome.meterNumber", is("Z-4711"));
        // the query wins: the body's 404 ticket is not read
        asAdmin().queryParam("ticketId", 77).body("{\"ticketId\":404}").post(ONE + "/" + id + "/preview")
                .then().statusCode(200).body("success", is(true));
        asAdmin().queryParam("ticketId", 404).body("{\"ticketId\":77}").post(ONE + "/" + id + "/preview")
                .then().statusCode(404);
        assertEquals(1, ticketSvc.findAll(getRequestedFor(urlPathEqualTo("/api/mind/ticket/404"))).size(),
                "only the query's ticket 404 was read");
        // neither, or a body ticketId that is no ticket id: 400 naming ticketId
        for (String body : new String[] { "{}", "{\"ticketId\":null}", "{\"ticketId\":\"abc\"}", "{\"ticketId\":1.5}",
                "{\"ticketId\":0}", "{\"ticketId\":-3}", "{\"ticketId\":{}}", "{\"ticketId\":true}" }) {
            asAdmin().body(body).post(ONE + "/" + id + "/preview").then().statusCode(400)
                    .body("details[0].field", is("ticketId"));
        }
        // nothing stored: the agent is as it was, ticketId did not become part of it
        assertEquals(before, dbState());
        asAdmin().get(ONE + "/" + id).then().header("ETag", "\"0\"").body("$", not(hasKey("ticketId")));
        assertEquals(List.of(), writesToTicketSvc());
    }

    @Test
    void previewRunsAnUnsavedAgentFromTheBody() throws Exception {
        int id = createAgent(SETTINGS);
        String before = dbState();
        String unsaved = SETTINGS.replace("We stored", "Unsaved: we stored");
        asAdmin().queryParam("ticketId", 77).body("{\"intelligence\":\"rulebased\",\"settings\":" + unsaved + "}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("customerOutcome.text", is("Unsaved: we stored 1234 for meter Z-4711."));
        assertEquals(List.of(), writesToTicketSvc());
        assertEquals(before, dbState());
    }

    @Test
    void previewLaysMessageSubjectAndSenderOverTheTicket() throws Exception {
        int id = createAgent(SETTINGS);
        String before = dbState();
        // the stored agent, on the message instead of the ticket's body
        asAdmin().queryParam("ticketId", 77).body("{\"previewType\":\"message\",\"message\":\"Zählernummer: Z-9999, Stand: 42\"}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("success", is(true))
                .body("dataOutcome.reading", is(42.0f))
                .body("dataOutcome.meterNumber", is("Z-9999"))
                .body("customerOutcome.text", is("We stored 42 for meter Z-9999."))
                .body("dataOutcomeInfo", containsString("the preview's message instead of the ticket's"));
        // an unsaved agent reading subject and sender; the ticket's body stays where no message is given
        String reads = SETTINGS.replace("We stored {reading} for meter {meterNumber}.",
                "{ticket.from} wrote '{ticket.subject}': {reading}");
        asAdmin().queryParam("ticketId", 77).body("{\"settings\":" + reads + ",\"subject\":\"Neuer Stand\","
                + "\"sender\":\"erika@example.de\",\"history\":[{\"role\":\"customer\",\"text\":\"Hallo\"}]}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("customerOutcome.text", is("erika@example.de wrote 'Neuer Stand': 1234"));
        // a message without the required values: the ticket's text is not read behind it
        asAdmin().queryParam("ticketId", 77).body("{\"message\":\"Bitte rufen Sie mich an\"}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("customerOutcomeType", is("missingData"))
                .body("customerOutcome.missing", org.hamcrest.Matchers.hasItems("meterNumber", "reading"));
        assertEquals(List.of(), writesToTicketSvc());
        assertEquals(before, dbState());
    }

    @Test
    void previewExtrasOfTheWrongTypeAre400NamingTheField() {
        int id = createAgent(SETTINGS);
        for (String[] bad : new String[][] { { "\"message\":5", "message" }, { "\"subject\":{}", "subject" },
                { "\"sender\":[\"a\"]", "sender" }, { "\"sender\":\"" + "s".repeat(321) + "\"", "sender" },
                { "\"previewType\":true", "previewType" }, { "\"history\":\"x\"", "history" },
                { "\"history\":[{},1]", "history[1]" }, { "\"message\":\"" + "m".repeat(100_001) + "\"", "message" } }) {
            asAdmin().queryParam("ticketId", 77).body("{" + bad[0] + "}").post(ONE + "/" + id + "/preview")
                    .then().statusCode(400)
                    .body("success", is(false))
                    .body("details[0].field", is(bad[1]));
        }
        assertEquals(List.of(), writesToTicketSvc());
    }

    @Test
    void previewErrorsAndAgentsThatCannotRunHere() {
        int id = createAgent(SETTINGS);
        asAdmin().queryParam("ticketId", 404).body("{}").post(ONE + "/" + id + "/preview").then().statusCode(404);
        asAdmin().body("{}").post(ONE + "/" + id + "/preview").then().statusCode(400);
        asAdmin().queryParam("ticketId", 77).body("{}").post(ONE + "/999999999/preview").then().statusCode(404);
        asAdmin().queryParam("ticketId", 77).body("{\"intelligence\":\"smart\",\"settings\":{}}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("success", is(false)).body("customerOutcomeType", is("needsLlm"))
                .body("error", containsString("LLM endpoint"));
        asAdmin().queryParam("ticketId", 77).body("{\"settings\":{\"executor\":[{\"type\":\"sourceCode\",\"language\":"
                + "\"python311\",\"code\":\"print(1)\"}]}}")
                .post(ONE + "/" + id + "/preview").then().statusCode(200)
                .body("success", is(false)).body("customerOutcomeType", is("needsExecutor"))
                .body("error", containsString("no executor endpoint is configured".replace("no executor endpoint is configured",
                        "none is configured")));
        given().contentType(ContentType.JSON).queryParam("ticketId", 77).body("{}").post(ONE + "/" + id + "/preview")
                .then().statusCode(401);
        assertEquals(List.of(), writesToTicketSvc());
    }

    @Test
    void dryRunOutcomeWritesNothingAndARealOneAppliesThroughTicketSvc() throws Exception {
        int id = createAgent(SETTINGS);
        String before = dbState();
        asAdmin().body("{\"aiAgentId\":" + id + ",\"ticketId\":77,\"data\":{},\"dryRun\":true}")
                .post(ONE + "/outcome").then().statusCode(200)
                .body("success", is(true)).body("customerOutcomeType", is("reply"));
        assertEquals(List.of(), writesToTicketSvc());
        assertEquals(before, dbState());

        // given data wins over the ticket's text
        String token = TestTokens.admin();
        given().header("Authorization", token).contentType(ContentType.JSON).header("Idempotency-Key", "outcome-" + id)
                .body("{\"aiAgentId\":" + id + ",\"ticketId\":77,\"data\":{\"reading\":99},\"dryRun\":false}")
                .post(ONE + "/outcome").then().statusCode(200)
                .body("success", is(true))
                .body("customerOutcome.text", is("We stored 99 for meter Z-4711."))
                .body("curlRequests[0].executed", is(true));
        ticketSvc.verify(patchRequestedFor(urlPathEqualTo("/api/mind/ticket/77"))
                .withHeader("Idempotency-Key", equalTo("outcome-" + id + ":0"))
                .withRequestBody(matchingJsonPath("$.status", equalTo("closed"))));
        ticketSvc.verify(postRequestedFor(urlPathEqualTo("/api/mind/ticket/77/conversation/reply"))
                .withHeader("Authorization", equalTo(token))
                .withRequestBody(matchingJsonPath("$.isDraft", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.content.message", equalTo("We stored 99 for meter Z-4711."))));
        ticketSvc.verify(postRequestedFor(urlPathEqualTo("/api/mind/ticket/77/events"))
                .withHeader("Authorization", equalTo("Bearer " + TicketServiceStub.SERVICE_TOKEN))
                .withRequestBody(matchingJsonPath("$.type", equalTo("aiAgentOutcome"))));
        assertEquals(before, dbState());
    }

    @Test
    void outcomeTakesTheAgentsSlugAsGetDoes() throws Exception {
        String slug = "outcome_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int id = asAdmin().body("{\"name\":\"Meter\",\"slug\":\"" + slug + "\",\"settings\":" + SETTINGS + "}")
                .post(ONE).then().statusCode(200).extract().path("id");
        for (String ref : List.of("\"" + slug + "\"", "\"" + id + "\"", String.valueOf(id))) {
            asAdmin().body("{\"aiAgentId\":" + ref + ",\"ticketId\":77,\"data\":{\"reading\":5}}")
                    .post(ONE + "/outcome").then().statusCode(200)
                    .body("success", is(true))
                    .body("customerOutcome.text", is("We stored 5 for meter Z-4711."))
                    .body("curlRequests[0].executed", is(false));
        }
        assertEquals(List.of(), writesToTicketSvc());
        asAdmin().body("{\"aiAgentId\":\"no_such_agent_" + id + "\",\"ticketId\":77}").post(ONE + "/outcome")
                .then().statusCode(404).body("success", is(false)).body("error", is("Intent description not found"));

        // applied by slug once; the same Idempotency-Key again answers the same without writing twice
        String key = "outcome-slug-" + slug;
        String body = "{\"aiAgentId\":\"" + slug + "\",\"ticketId\":77,\"data\":{\"reading\":42},\"dryRun\":false}";
        for (int i = 0; i < 2; i++) {
            asAdmin().header("Idempotency-Key", key).body(body).post(ONE + "/outcome").then().statusCode(200)
                    .body("success", is(true))
                    .body("customerOutcome.text", is("We stored 42 for meter Z-4711."))
                    .body("curlRequests[0].executed", is(true));
        }
        ticketSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/77"))
                .withHeader("Idempotency-Key", equalTo(key + ":0")));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket/77/conversation/reply")));
        // the same key with the agent named by its id is another request: refused, nothing written
        asAdmin().header("Idempotency-Key", key).body(body.replace("\"" + slug + "\"", String.valueOf(id)))
                .post(ONE + "/outcome").then().statusCode(422);
        ticketSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/77")));
    }

    @Test
    void outcomeRefusesAnAiAgentIdThatIsNeitherIdNorSlug() {
        for (String bad : List.of("\"Bad Slug!\"", "\"\"", "\"0\"", "0", "-3", "4.5", "true", "{}", "[1]",
                "\"" + "a".repeat(101) + "\"", "99999999999999999999")) {
            asAdmin().body("{\"aiAgentId\":" + bad + ",\"ticketId\":77}").post(ONE + "/outcome").then().statusCode(400)
                    .body("success", is(false))
                    .body("details[0].field", is("aiAgentId"));
        }
        asAdmin().body("{\"aiAgentId\":null,\"ticketId\":77}").post(ONE + "/outcome").then().statusCode(400)
                .body("details[0].field", containsString("aiAgentId"));
        assertEquals(List.of(), writesToTicketSvc());
    }

    @Test
    void outcomeValidatesItsBody() {
        asAdmin().body("{\"ticketId\":77}").post(ONE + "/outcome").then().statusCode(400)
                .body("details[0].field", containsString("aiAgentId"));
        asAdmin().body("{\"aiAgentId\":999999999,\"ticketId\":77}").post(ONE + "/outcome").then().statusCode(404);
    }
}
