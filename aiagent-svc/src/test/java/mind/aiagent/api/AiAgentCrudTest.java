package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.auth.Roles;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class AiAgentCrudTest {

    static final String ONE = "/api/mind/aiAgent";
    static final String LIST = "/api/mind/aiAgents";

    private static RequestSpecification as(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }

    private static RequestSpecification asAdmin() {
        return as(TestTokens.admin());
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static int create(String body) {
        return asAdmin().body(body).post(ONE).then().statusCode(200).extract().path("id");
    }

    static final String SETTINGS = """
            {"executor":[{"id":1,"type":"sourceCode","language":"python311","code":"print(1)",
                          "settings":{"apiKey":"sk-live-123","url":"https://crm.example"}}],
             "parameters":[{"id":1,"key":"meterNumber","required":false},
                           {"id":2,"key":"reading","required":false},
                           {"id":3,"key":"date","required":false}],
             "responseCases":[]}""";

    @Test
    void dottedKeysPatchInsideSettingsAndPlainKeysTogether() {
        String slug = unique("dotted");
        int id = create("{\"name\":\"Dotted\",\"slug\":\"" + slug + "\",\"settings\":" + SETTINGS + "}");

        asAdmin().body("{\"settings.executor[0].code\":\"print(2)\",\"settings.parameters[2].required\":true,"
                + "\"settings.personality.style\":\"friendly\",\"description\":\"patched\"}")
                .patch(ONE + "/" + id)
                .then().statusCode(200).body("success", is(true)).header("ETag", "\"1\"");

        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + slug).then().statusCode(200)
                .body("settings.executor[0].code", equalTo("print(2)"))
                .body("settings.executor[0].settings.apiKey", equalTo("sk-live-123"))
                .body("settings.parameters[2].required", is(true))
                .body("settings.parameters[0].required", is(false))
                .body("settings.personality.style", equalTo("friendly"))
                .body("description", equalTo("patched"))
                .body("name", equalTo("Dotted"));
    }

    @Test
    void invalidDottedPathsAre400NamingThePath() {
        int id = create("{\"name\":\"Bad paths\",\"slug\":\"" + unique("badpath") + "\",\"settings\":" + SETTINGS + "}");
        for (String key : List.of("settings.parameters[9].required", "settings..x", "name.first", "settings.executor.code",
                "settings.executor[0].code.inner")) {
            asAdmin().body("{\"" + key + "\":true}").patch(ONE + "/" + id)
                    .then().statusCode(400)
                    .body("success", is(false))
                    .body("details[0].field", equalTo(key));
        }
        // nothing of the refused bodies was stored
        asAdmin().get(ONE + "/" + id).then().header("ETag", "\"0\"");
    }

    @Test
    void patchValidatesPlainKeysAndNamesTheField() {
        int id = create("{\"name\":\"Validated\",\"slug\":\"" + unique("validated") + "\"}");
        asAdmin().body("{\"name\":\"\"}").patch(ONE + "/" + id).then().statusCode(400).body("details[0].field", equalTo("name"));
        asAdmin().body("{\"channels\":[\"fax\"]}").patch(ONE + "/" + id).then().statusCode(400)
                .body("error", containsString("channels"));
        asAdmin().body("{\"settings.executor[0]\":{\"type\":\"sourceCode\",\"language\":\"cobol\",\"code\":\"x\"}}")
                .patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings.executor[0].language"));
    }

    @Test
    void patchToATakenSlugIs409NamingTheSlug() {
        String taken = unique("taken");
        create("{\"name\":\"First\",\"slug\":\"" + taken + "\"}");
        int id = create("{\"name\":\"Second\",\"slug\":\"" + unique("second") + "\"}");
        asAdmin().body("{\"slug\":\"" + taken + "\"}").patch(ONE + "/" + id)
                .then().statusCode(409).body("code", equalTo("duplicate_slug")).body("details[0].field", equalTo("slug"))
                .body("error", containsString(taken));
    }

    @Test
    void ifMatchGuardsPatchAndDelete() {
        int id = create("{\"name\":\"Guarded\",\"slug\":\"" + unique("guarded") + "\"}");
        asAdmin().header("If-Match", "\"0\"").body("{\"enabled\":false}").patch(ONE + "/" + id).then().statusCode(200);
        asAdmin().header("If-Match", "\"0\"").body("{\"enabled\":true}").patch(ONE + "/" + id).then().statusCode(412);
        asAdmin().header("If-Match", "\"0\"").delete(ONE + "/" + id).then().statusCode(412);
        asAdmin().get(ONE + "/" + id).then().statusCode(200).body("enabled", is(false));
        asAdmin().header("If-Match", "\"1\"").delete(ONE + "/" + id).then().statusCode(200).body("success", is(true));
        asAdmin().get(ONE + "/" + id).then().statusCode(404).body("error", equalTo("Intent description not found"));
        asAdmin().delete(ONE + "/" + id).then().statusCode(404);
        asAdmin().body("{\"enabled\":true}").patch(ONE + "/" + id).then().statusCode(404);
    }

    @Test
    void secretsAreMaskedUnlessAWriterAsksForThem() {
        String slug = unique("secret");
        int id = create("{\"name\":\"Secretive\",\"slug\":\"" + slug + "\",\"settings\":" + SETTINGS + "}");
        asAdmin().get(ONE + "/" + id).then().body("settings.executor[0].settings.apiKey", equalTo("********"))
                .body("settings.executor[0].settings.url", equalTo("https://crm.example"))
                .body("settings.parameters[0].key", equalTo("meterNumber"));
        as(TestTokens.agent(7)).queryParam("showSecrets", true).get(ONE + "/" + id)
                .then().statusCode(200).body("settings.executor[0].settings.apiKey", equalTo("********"));
        as(TestTokens.bearer(8, Roles.UPDATE_AI_AGENT)).queryParam("showSecrets", true).get(ONE + "/" + id)
                .then().statusCode(200).body("settings.executor[0].settings.apiKey", equalTo("sk-live-123"));
        as(TestTokens.serviceWorker()).queryParam("q", slug).queryParam("categoryFilter", "all").get(LIST)
                .then().statusCode(200);

        // the masked settings sent back unchanged keep the stored secret
        String raw = asAdmin().get(ONE + "/" + id).then().extract().asString();
        String settingsOnly = raw.substring(raw.indexOf("\"settings\":") + "\"settings\":".length(), raw.indexOf(",\"enabled\""));
        asAdmin().body("{\"settings\":" + settingsOnly + "}").patch(ONE + "/" + id).then().statusCode(200);
        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id)
                .then().body("settings.executor[0].settings.apiKey", equalTo("sk-live-123"));
    }

    @Test
    void rolesToReadAndWrite() {
        int id = create("{\"name\":\"Roles\",\"slug\":\"" + unique("roles") + "\"}");
        as(TestTokens.agent(3)).body("{\"enabled\":false}").patch(ONE + "/" + id).then().statusCode(403);
        as(TestTokens.serviceWorker()).delete(ONE + "/" + id).then().statusCode(403);
        as(TestTokens.agent(3)).get(LIST).then().statusCode(200);
        given().get(LIST).then().statusCode(401);
        as(TestTokens.bearer(9, "somethingElse")).get(LIST).then().statusCode(403);
        as(TestTokens.bearer(8, Roles.UPDATE_AI_AGENT)).body("{\"enabled\":false}").patch(ONE + "/" + id).then().statusCode(200);
    }

    @Test
    void listFiltersFormatsAndRanksByRelevance() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int inDescription = create("{\"name\":\"Some agent\",\"slug\":\"" + unique("rank") + "\",\"description\":\"handles "
                + word + " requests\"}");
        int inName = create("{\"name\":\"" + word + " agent\",\"slug\":\"" + unique("rank") + "\",\"settings\":{\"executor\":"
                + "[{\"type\":\"apiCall\"}]}}");
        int template = create("{\"name\":\"" + word + " template\",\"slug\":\"" + unique("rank") + "\",\"category\":\"template\"}");

        asAdmin().queryParam("q", word).get(LIST).then().statusCode(200)
                .body("id", contains(inName, inDescription));
        asAdmin().queryParam("q", word).queryParam("categoryFilter", "all").get(LIST).then().statusCode(200)
                .body("id", hasItem(template)).body("size()", is(3));
        asAdmin().queryParam("q", word).queryParam("categoryFilter", "template").get(LIST).then()
                .body("id", contains(template));
        asAdmin().queryParam("q", word).queryParam("typeFilter", "apiCall").get(LIST).then()
                .body("id", contains(inName));
        asAdmin().queryParam("q", word).queryParam("format", "short").get(LIST).then()
                .body("[0].id", is(inName)).body("[0]", not(hasKey("settings"))).body("[0]", not(hasKey("description")))
                .body("[0].name", equalTo(word + " agent"));
        asAdmin().queryParam("q", word).queryParam("format", "medium").get(LIST).then()
                .body("[0].intelligence", equalTo("rulebased")).body("[0]", not(hasKey("settings")))
                .body("[0]", not(hasKey("success")));
        asAdmin().queryParam("q", word).get(LIST).then()
                .body("[0].settings.executor[0].type", equalTo("apiCall")).body("[0]", not(hasKey("success")))
                .body("[0].description", nullValue());
        asAdmin().queryParam("q", word).queryParam("limit", 1).queryParam("offset", 1).get(LIST).then()
                .body("id", contains(inDescription));
        asAdmin().queryParam("limit", 0).get(LIST).then().statusCode(400).body("details[0].field", equalTo("limit"));
        asAdmin().queryParam("format", "huge").get(LIST).then().statusCode(400).body("details[0].field", equalTo("format"));
        asAdmin().queryParam("typeFilter", "magic").get(LIST).then().statusCode(400);
        asAdmin().queryParam("q", "x".repeat(201)).get(LIST).then().statusCode(400).body("details[0].field", equalTo("q"));
    }
}
