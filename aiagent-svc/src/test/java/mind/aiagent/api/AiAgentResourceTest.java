package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
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

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.aiagent.repository.AiAgentRepository;
import mind.common.auth.Roles;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class AiAgentResourceTest {

    static final String PATH = "/api/mind/aiAgent";

    @Inject
    AiAgentRepository agents;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static int create(String body) {
        return asAdmin().body(body).post(PATH).then().statusCode(200).extract().path("id");
    }

    private static String slugOf(String body) {
        return asAdmin().body(body).post(PATH).then().statusCode(200).extract().path("slug");
    }

    @Test
    void createWithOnlyNameAppliesDefaultsAndGetReturnsTheAgent() {
        Response created = asAdmin().body("{\"name\":\"Defaults agent\"}").post(PATH);
        created.then().statusCode(200)
                .body("success", is(true))
                .body("id", notNullValue())
                .body("slug", equalTo("defaults_agent"));
        int id = created.path("id");

        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + id)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("success", is(true))
                .body("id", is(id))
                .body("name", equalTo("Defaults agent"))
                .body("slug", equalTo("defaults_agent"))
                .body("channels", contains("all"))
                .body("intelligence", equalTo("rulebased"))
                .body("enabled", is(true))
                .body("appearance", anEmptyMap())
                .body("settings.keySet()", org.hamcrest.Matchers.containsInAnyOrder("executor", "parameters",
                        "responseCases", "detectionDetails", "personality"))
                .body("settings.executor", empty())
                .body("settings.personality", anEmptyMap())
                .body("exampleTicketIds", empty())
                .body("tagId", nullValue())
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"))
                .body("$", hasKey("modifiedAt"))
                .body("$", hasKey("description"));
    }

    @Test
    void docsExampleRoundTripsThroughGet() {
        String body = """
                {"id":1,"tagId":41,"channels":["email","chat","email"],"name":"Change bank data (Code)",
                 "description":"Customer wants to change his bank data","appearance":{"avatar":"bank.png"},
                 "exampleTicketIds":[8,26],"intelligence":"smart","enabled":false,
                 "settings":{"executor":[{"id":1,"type":"sourceCode","language":"python311","code":"print(1)"}],
                             "personality":{"style":"friendly","formality":"formal"}}}""";
        int id = create(body);

        given().header("Authorization", TestTokens.agent(5)).get(PATH + "/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Change bank data (Code)"))
                .body("slug", equalTo("change_bank_data_code"))
                .body("tagId", is(41))
                .body("channels", contains("email", "chat"))
                .body("description", equalTo("Customer wants to change his bank data"))
                .body("appearance.avatar", equalTo("bank.png"))
                .body("exampleTicketIds", contains(8, 26))
                .body("intelligence", equalTo("smart"))
                .body("enabled", is(false))
                .body("settings.executor[0].language", equalTo("python311"))
                .body("settings.personality.formality", equalTo("formal"));
    }

    @Test
    void channelsWithAllAreStoredAsAll() {
        int id = create("{\"name\":\"All and email\",\"channels\":[\"email\",\"all\"]}");
        given().header("Authorization", TestTokens.admin()).get(PATH + "/" + id)
                .then().statusCode(200).body("channels", contains("all"));
    }

    @Test
    void getBySlugFindsTheAgent() {
        int id = create("{\"name\":\"Bank data (Code)\",\"slug\":\"ai_agent_bank_data_code\"}");
        given().header("Authorization", TestTokens.serviceWorker()).get(PATH + "/ai_agent_bank_data_code")
                .then().statusCode(200)
                .body("id", is(id))
                .body("slug", equalTo("ai_agent_bank_data_code"));
    }

    @Test
    void derivedSlugsGetNumericSuffixesOnCollision() {
        assertEquals("change_bank_data", slugOf("{\"name\":\"Change bank data\"}"));
        assertEquals("change_bank_data_2", slugOf("{\"name\":\"Change  bank data!\"}"));
        assertEquals("change_bank_data_3", slugOf("{\"name\":\"change bank data\"}"));
    }

    @Test
    void derivedSlugSpellsOutUmlautsAndNeverIsOnlyDigits() {
        assertEquals("zaehlerstand_uebermitteln_strasse", slugOf("{\"name\":\"Zählerstand übermitteln (Straße)\"}"));
        assertEquals("ai_agent_2024", slugOf("{\"name\":\"2024\"}"));
        assertEquals("ai_agent", slugOf("{\"name\":\"???\"}"));
    }

    @Test
    void derivedSlugSkipsAnExplicitlyTakenOne() {
        create("{\"name\":\"Something else\",\"slug\":\"tariff_change\"}");
        assertEquals("tariff_change_2", slugOf("{\"name\":\"Tariff change\"}"));
    }

    @Test
    void duplicateExplicitSlugIs409() {
        create("{\"name\":\"Meter reading\",\"slug\":\"process_meter_reading\"}");
        asAdmin().body("{\"name\":\"Meter reading again\",\"slug\":\"process_meter_reading\"}").post(PATH)
                .then().statusCode(409)
                .body("success", is(false))
                .body("code", equalTo("duplicate_slug"))
                .body("details[0].field", equalTo("slug"))
                .body("error", containsString("process_meter_reading"));
    }

    @Test
    void concurrentCreatesOfOneNameGetDistinctSlugs() throws Exception {
        String name = "Parallel " + UUID.randomUUID();
        String body = "{\"name\":\"" + name + "\"}";
        List<Response> responses = Concurrently.run(10, () -> asAdmin().body(body).post(PATH));
        Set<String> slugs = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
            slugs.add(r.path("slug"));
            ids.add(r.path("id"));
        }
        assertEquals(10, slugs.size(), "distinct slugs: " + slugs);
        assertEquals(10, ids.size());
        String base = name.toLowerCase().replace(' ', '_').replace('-', '_');
        assertTrue(slugs.contains(base), slugs.toString());
        assertTrue(slugs.contains(base + "_10"), slugs.toString());
        assertEquals(10, QuarkusTransaction.requiringNew().call(() -> agents.count("name", name)));
    }

    @Test
    void concurrentCreatesOfOneExplicitSlugCreateOneAgent() throws Exception {
        String slug = "race_" + UUID.randomUUID().toString().replace('-', '_');
        String body = "{\"name\":\"Race\",\"slug\":\"" + slug + "\"}";
        List<Response> responses = Concurrently.run(8, () -> asAdmin().body(body).post(PATH));
        int created = 0;
        for (Response r : responses) {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.statusCode() + " " + r.asString());
            if (r.statusCode() == 200) {
                created++;
            } else {
                assertEquals("duplicate_slug", r.path("code"));
            }
        }
        assertEquals(1, created);
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> agents.count("slug", slug)));
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        String name = "Idempotent " + key;
        String body = "{\"name\":\"" + name + "\"}";
        int first = asAdmin().header("Idempotency-Key", key).body(body).post(PATH)
                .then().statusCode(200).extract().path("id");
        asAdmin().header("Idempotency-Key", key).body(body).post(PATH)
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", is(first));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> agents.count("name", name)));
    }

    @Test
    void emptyBodyIs400() {
        asAdmin().post(PATH).then().statusCode(400).body("success", is(false));
    }

    @Test
    void wrongTypeNamesTheField() {
        asAdmin().body("{\"name\":\"x\",\"tagId\":\"forty-one\"}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("tagId"))
                .body("details[0].message", equalTo("must be an integer"));
        asAdmin().body("{\"name\":\"x\",\"enabled\":\"yes\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("enabled"));
    }

    @Test
    void unknownEnumValuesNameTheFieldAndTheChoices() {
        asAdmin().body("{\"name\":\"x\",\"intelligence\":\"genius\"}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("intelligence"))
                .body("details[0].message", allOf(containsString("rulebased"), containsString("visualEditor")));
        asAdmin().body("{\"name\":\"x\",\"channels\":[\"email\",\"fax\"]}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("channels[1]"))
                .body("details[0].message", allOf(containsString("all"), containsString("walkIn")));
    }

    @Test
    void missingOrBlankNameIs400NamingIt() {
        asAdmin().body("{\"description\":\"no name\"}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("name"));
        asAdmin().body("{\"name\":\"   \"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
    }

    @Test
    void invalidExplicitSlugIs400() {
        asAdmin().body("{\"name\":\"x\",\"slug\":\"Bad Slug!\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("slug"));
        asAdmin().body("{\"name\":\"x\",\"slug\":\"12345\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("slug"));
        asAdmin().body("{\"name\":\"x\",\"slug\":\"" + "a".repeat(101) + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("slug"));
    }

    @Test
    void boundsOnClientControlledValues() {
        asAdmin().body("{\"name\":\"" + "n".repeat(256) + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        asAdmin().body("{\"name\":\"x\",\"channels\":[]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("channels"));
        StringBuilder ids = new StringBuilder("1");
        for (int i = 2; i <= 101; i++) {
            ids.append(',').append(i);
        }
        asAdmin().body("{\"name\":\"x\",\"exampleTicketIds\":[" + ids + "]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("exampleTicketIds"));
        asAdmin().body("{\"name\":\"x\",\"settings\":{\"code\":\"" + "c".repeat(520_000) + "\"}}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("settings"))
                .body("details[0].message", containsString("bytes"));
    }

    @Test
    void settingsAndAppearanceMustBeObjects() {
        asAdmin().body("{\"name\":\"x\",\"settings\":[1,2]}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("settings"))
                .body("details[0].message", equalTo("must be a JSON object"));
        asAdmin().body("{\"name\":\"x\",\"appearance\":\"blue\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("appearance"));
    }

    @Test
    void updateAiAgentPermissionMayCreateAndRead() {
        int id = given().header("Authorization", TestTokens.bearer(12, Roles.UPDATE_AI_AGENT)).contentType(ContentType.JSON)
                .body("{\"name\":\"By permission\"}").post(PATH)
                .then().statusCode(200).extract().path("id");
        given().header("Authorization", TestTokens.bearer(12, Roles.UPDATE_AI_AGENT)).get(PATH + "/" + id)
                .then().statusCode(200).body("name", equalTo("By permission"));
    }

    @Test
    void unknownIdOrSlugIs404WithEnneoText() {
        given().header("Authorization", TestTokens.admin()).get(PATH + "/999999999")
                .then().statusCode(404)
                .body("success", is(false))
                .body("code", equalTo("not_found"))
                .body("error", equalTo("Intent description not found"));
        given().header("Authorization", TestTokens.admin()).get(PATH + "/no_such_agent")
                .then().statusCode(404).body("error", equalTo("Intent description not found"));
        given().header("Authorization", TestTokens.admin()).get(PATH + "/99999999999999999999999")
                .then().statusCode(404).body("error", equalTo("Intent description not found"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/mind/aiAgent"))
                .body("paths", hasKey("/api/mind/aiAgent/{id}"));
    }
}
