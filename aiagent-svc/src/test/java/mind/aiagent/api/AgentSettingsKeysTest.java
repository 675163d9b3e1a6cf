package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Every agent's settings carry executor, parameters, responseCases, detectionDetails and personality
 * (empty when never set), and a dotted PATCH key may add the next element of such a list.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class AgentSettingsKeysTest {

    static final String ONE = "/api/mind/aiAgent";

    @Inject
    javax.sql.DataSource dataSource;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static int create(String body) {
        return asAdmin().body(body).post(ONE).then().statusCode(200).extract().path("id");
    }

    private static ValidatableResponse emptyKeys(ValidatableResponse response, String prefix) {
        return response.body(prefix + "executor", empty())
                .body(prefix + "parameters", empty())
                .body(prefix + "responseCases", empty())
                .body(prefix + "detectionDetails", anEmptyMap())
                .body(prefix + "personality", anEmptyMap());
    }

    /** An agent as an older version stored it, written past the API. */
    private void insertStored(String slug, String settings) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "insert into ai_agent (slug, name, intelligence, settings, created_at) values (?, 'Stored before', "
                        + "'rulebased', cast(? as jsonb), now())")) {
            s.setString(1, slug);
            s.setString(2, settings);
            s.executeUpdate();
        }
    }

    @Test
    void anAgentCreatedWithoutSettingsReadsTheFiveKeysEmpty() {
        String word = "zs" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int id = create("{\"name\":\"No settings " + word + "\"}");
        emptyKeys(asAdmin().get(ONE + "/" + id).then().statusCode(200), "settings.");
        emptyKeys(asAdmin().queryParam("q", word).queryParam("categoryFilter", "all").get("/api/mind/aiAgents")
                .then().statusCode(200).body("", hasSize(1)), "[0].settings.");
        create("{\"name\":\"Null settings\",\"slug\":\"" + unique("nullsettings") + "\",\"settings\":null}");
    }

    @Test
    void storedValuesAreKeptAndOnlyTheMissingKeysAdded() {
        int id = create("{\"name\":\"Some settings\",\"slug\":\"" + unique("somesettings") + "\",\"settings\":"
                + "{\"personality\":{\"style\":\"friendly\"},\"detectionDetails\":{\"keywords\":[\"IBAN\"]},\"extra\":1}}");
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.personality.style", equalTo("friendly"))
                .body("settings.detectionDetails.keywords[0]", equalTo("IBAN"))
                .body("settings.extra", is(1))
                .body("settings.executor", empty())
                .body("settings.parameters", empty())
                .body("settings.responseCases", empty());
    }

    @Test
    void agentsStoredBeforeReadTheKeysAndTakeDottedKeys() throws Exception {
        String empty = unique("storedempty");
        insertStored(empty, "{}");
        emptyKeys(asAdmin().get(ONE + "/" + empty).then().statusCode(200), "settings.");

        String partial = unique("storedpartial");
        insertStored(partial, "{\"personality\":{\"tone\":\"warm\"},\"executor\":null}");
        asAdmin().get(ONE + "/" + partial).then().statusCode(200)
                .body("settings.personality.tone", equalTo("warm"))
                .body("settings.executor", empty())
                .body("settings.detectionDetails", anEmptyMap());

        asAdmin().body("{\"settings.executor[0].type\":\"sourceCode\",\"settings.executor[0].language\":\"python311\","
                + "\"settings.executor[0].code\":\"print(1)\"}").patch(ONE + "/" + empty).then().statusCode(200);
        asAdmin().get(ONE + "/" + empty).then().statusCode(200)
                .body("settings.executor", hasSize(1))
                .body("settings.executor[0].code", equalTo("print(1)"))
                .body("settings.personality", anEmptyMap());
    }

    @Test
    void aDottedKeyAddsTheNextElementOfAListButLeavesNoHole() {
        String slug = unique("append");
        int id = create("{\"name\":\"Append\",\"slug\":\"" + slug + "\"}");

        // element 0 of the empty executor list: created, then validated as any executor
        asAdmin().body("{\"settings.executor[0].code\":\"print(1)\"}").patch(ONE + "/" + id).then().statusCode(400)
                .body("success", is(false))
                .body("details[0].field", equalTo("settings.executor[0].type"));
        asAdmin().body("{\"settings.executor[1].code\":\"print(1)\"}").patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings.executor[1].code"))
                .body("details[0].message", containsString("past the end"));
        asAdmin().get(ONE + "/" + id).then().header("ETag", "\"0\"").body("settings.executor", empty());

        asAdmin().body("{\"settings.executor[0].type\":\"sourceCode\",\"settings.executor[0].language\":\"python311\","
                + "\"settings.executor[0].code\":\"print(1)\"}").patch(ONE + "/" + id).then().statusCode(200);
        asAdmin().body("{\"settings.executor[0].code\":\"print(2)\"}").patch(ONE + "/" + id).then().statusCode(200);
        asAdmin().body("{\"settings.executor[3].type\":\"apiCall\"}").patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings.executor[3].type"));
        asAdmin().body("{\"settings.executor[1].type\":\"apiCall\"}").patch(ONE + "/" + id).then().statusCode(200);
        asAdmin().get(ONE + "/" + slug).then().statusCode(200)
                .body("settings.executor", hasSize(2))
                .body("settings.executor[0].code", equalTo("print(2)"))
                .body("settings.executor[0].language", equalTo("python311"))
                .body("settings.executor[1].type", equalTo("apiCall"));
    }

    @Test
    void theDefaultAgentsCarryTheKeysToo() {
        String slug = "change_address";
        asAdmin().delete(ONE + "/" + slug);
        asAdmin().body("[\"" + slug + "\"]").post("/api/mind/aiAgents/loadDefaults").then().statusCode(200);
        asAdmin().get(ONE + "/" + slug).then().statusCode(200)
                .body("settings.executor", empty())
                .body("settings.personality", anEmptyMap())
                .body("settings.parameters.size()", is(org.hamcrest.Matchers.greaterThan(0)));
    }
}
