package mind.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.http.ContentType;

/**
 * End to end: embedded PostgreSQL, the five real service jars and the front door, talking real
 * HTTP with real JWTs, as a new user would after {@code ./mind up}.
 */
class SuiteIT {

    /** The curl example of the callReceived seed, sent as is. */
    static final String SEED_CALL = """
            {
            "routing": "none",
            "contractId": "123456",
            "customerId": "789012",
            "phone": "+491234567890",
            "transcript": [
            {
            "speaker": "bot",
            "message": "Hello, my name is AI Assistant. How can I help you today?",
            "timestamp": "2024-01-23T14:32:11Z"
            }
            ],
            "userId": 42,
            "channelId": "call_123abc456",
            "callerName": "John Smith",
            "direction": "in",
            "subchannelId": 5,
            "externalTicketId": "ext-123",
            "status": "open",
            "triggerAiProcessing": true
            }""";

    static RunningSuite suite;
    /** Validates each authorized exchange against the merged OpenAPI document the front door serves. */
    static OpenApiValidationFilter contract;
    /** The same for responses only, for requests that are wrong on purpose. */
    static OpenApiValidationFilter responseContract;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        String spec = suite.openApiUrl();
        contract = new OpenApiValidationFilter(OpenApiInteractionValidator.createForSpecificationUrl(spec).build());
        responseContract = new OpenApiValidationFilter(OpenApiInteractionValidator.createForSpecificationUrl(spec)
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                .build());
    }

    private static String bearer(String role) throws IOException {
        return suite.bearer(role);
    }

    @Test
    void seedCallBecomesAPhoneTicketReadableThroughTheFrontDoor() throws IOException {
        Integer answered = given().filter(contract).header("Authorization", bearer("telephony")).contentType(ContentType.JSON)
                .body(SEED_CALL)
                .when().post("/api/mind/telephony/callReceived")
                .then().statusCode(200)
                .body("success", is(true))
                .body("queueId", notNullValue())
                .extract().path("ticketId");
        String telephony = bearer("telephony");
        // ticketId null: ticket-svc did not answer in time (its first request on a loaded machine), so the
        // call was kept and telephony-svc's outbox creates the ticket (README, telephony-svc): wait for it
        int ticketId = answered != null ? answered : await().atMost(Duration.ofSeconds(60)).until(
                () -> given().header("Authorization", telephony).queryParam("channelId", "call_123abc456")
                        .get("/api/mind/telephony/getRouting").then().statusCode(200).extract().<Integer>path("ticketId"),
                Objects::nonNull);

        given().filter(contract).header("Authorization", bearer("agent"))
                .when().get("/api/mind/ticket/" + ticketId)
                .then().statusCode(200)
                .body("id", is(ticketId))
                .body("channel", equalTo("phone"))
                .body("fromName", equalTo("John Smith"))
                .body("channelId", equalTo("call_123abc456"))
                .body("body", containsString("Hello, my name is AI Assistant. How can I help you today?"));

        int again = given().header("Authorization", bearer("telephony")).contentType(ContentType.JSON)
                .body(SEED_CALL)
                .when().post("/api/mind/telephony/callReceived")
                .then().statusCode(200).extract().path("ticketId");
        assertEquals(ticketId, again, "a repeated callReceived for one channelId returns the same ticket");
    }

    @Test
    void everyServiceIsReachableByItsPrefix() throws IOException {
        given().filter(contract).header("Authorization", bearer("agent")).get("/api/mind/settings/subchannel")
                .then().statusCode(200).body("success", is(true));
        given().filter(contract).header("Authorization", bearer("admin")).get("/api/mind/aiQualityCheck/testRun")
                .then().statusCode(200).body("success", is(true));
        int agentId = given().filter(contract).header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"End to end agent\",\"description\":\"created through the front door\"}")
                .post("/api/mind/aiAgent")
                .then().statusCode(200).extract().path("id");
        given().filter(contract).header("Authorization", bearer("agent")).get("/api/mind/aiAgent/" + agentId)
                .then().statusCode(200).body("name", equalTo("End to end agent"));
    }

    @Test
    void errorsMatchTheDocumentedErrorShape() throws IOException {
        given().filter(contract).header("Authorization", bearer("agent")).get("/api/mind/ticket/999999999")
                .then().statusCode(404).body("code", equalTo("not_found"));
        given().filter(responseContract).header("Authorization", bearer("agent")).contentType(ContentType.JSON)
                .body("{\"channel\":\"fax\"}").post("/api/mind/ticket")
                .then().statusCode(400).body("details[0].field", equalTo("channel"));
    }

    @Test
    void unknownPrefixIs404InTheErrorShape() {
        given().get("/api/mind/nothing-here").then().statusCode(404).body("success", is(false));
    }

    @Test
    void internalPathsCannotBeReachedThroughAPrefix() {
        given().urlEncodingEnabled(false).get("/api/mind/ticket/../../q/health")
                .then().statusCode(400).body("code", equalTo("bad_path"));
        given().urlEncodingEnabled(false).get("/api/mind/ticket/%2e%2e/%2e%2e/q/health")
                .then().statusCode(400).body("code", equalTo("bad_path"));
    }

    @Test
    void mergedOpenApiHasEveryService() {
        given().queryParam("format", "json").get("/api/mind/docs/open-api")
                .then().statusCode(200)
                .body("info.title", equalTo("enneo.MIND API"))
                .body("paths", hasKey("/api/mind/ticket"))
                .body("paths", hasKey("/api/mind/telephony/callReceived"))
                .body("paths", hasKey("/api/mind/settings/subchannel"))
                .body("paths", hasKey("/api/mind/aiAgent"))
                .body("paths", hasKey("/api/mind/aiQualityCheck/testRun"));
        given().get("/api/mind/docs/open-api").then().statusCode(200)
                .contentType(containsString("yaml")).body(containsString("openapi:"));
    }

    /**
     * Built with a JDK 25 or newer, each service's package holds the AOT cache the build recorded, every
     * service was started with it (or with a newer one {@code ./mind train} recorded), and no JVM reported an {@code [aot]} error with it in the service's log
     * (where the JDK reports a cache it cannot map, and then starts without it).
     * With an older JDK there is no cache and no service is asked to use one.
     */
    @Test
    void servicesStartFromTheAotCacheTheBuildRecorded() throws IOException {
        boolean expected = Runtime.version().feature() >= 25;
        for (String service : Suite.CLIENT_NAMES.keySet()) {
            Path app = suite.config().root().resolve(service).resolve("target/quarkus-app");
            assertEquals(expected, Files.isRegularFile(app.resolve("app.aot")), service + ": " + app);
            List<String> arguments = List.of(ProcessHandle.of(suite.suite().pid(service)).orElseThrow()
                    .info().arguments().orElseThrow());
            // the build's cache, or one ./mind train recorded since the build (JvmOptionsTest)
            String cache = Suite.aotCache(app).map(Path::toString).orElse("(none)");
            assertEquals(expected, arguments.contains("-XX:AOTCache=" + cache), service + " ran with " + arguments);
            assertTrue(arguments.contains("-Xms64m") && arguments.contains("-Xmn32m"), service + " ran with " + arguments);
            try (var lines = Files.lines(suite.config().dataDir().resolve("logs/" + service + ".log"))) {
                List<String> refusals = lines.filter(l -> l.contains("[aot]") || l.contains("AOT cache")).toList();
                if (expected) {
                    assertEquals(List.of(), refusals, service + " could not use its AOT cache");
                }
            }
        }
    }
}
