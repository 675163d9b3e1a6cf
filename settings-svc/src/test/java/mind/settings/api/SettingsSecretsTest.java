package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * executorSecrets, the secret setting: sealed at rest, masked on every read unless showSecrets=true by
 * someone who may see it, kept when the mask is sent back, and never echoed in an error.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class SettingsSecretsTest {

    static final String PATH = "/api/mind/settings";
    static final String SECRET = "sk-live-plain-4711";
    static final String AI_EDITOR = TestTokens.bearer(5, "updateAiAgent");

    @Inject
    EntityManager em;

    private String storedColumn() {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select value::text from setting_value where name = 'executorSecrets'").getSingleResult());
    }

    @Test
    void executorSecretsAreSealedAtRestMaskedOnReadAndKeptWhenTheMaskComesBack() {
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"OPENAI_KEY\":\"" + SECRET + "\",\"CRM_TOKEN\":\"crm-plain-0815\"}")
                .put(PATH + "/executorSecrets").then().statusCode(200);

        String column = storedColumn();
        assertFalse(column.contains(SECRET), column);
        assertFalse(column.contains("crm-plain-0815"), column);
        assertFalse(column.contains("OPENAI_KEY"), "even the names are sealed: " + column);
        assertTrue(column.startsWith("\"sealed:v1:"), column);

        // masked for every reader and every read endpoint without showSecrets
        for (String caller : List.of(TestTokens.admin(), TestTokens.agent(7), TestTokens.serviceWorker(), AI_EDITOR)) {
            given().header("Authorization", caller).get(PATH)
                    .then().statusCode(200)
                    .body("find { it.name == 'executorSecrets' }.value", equalTo("********"))
                    .body(not(containsString(SECRET)));
            given().header("Authorization", caller).get(PATH + "/compact")
                    .then().statusCode(200).body("executorSecrets", equalTo("********")).body(not(containsString(SECRET)));
            given().header("Authorization", caller).get(PATH + "/category/ai")
                    .then().statusCode(200).body(not(containsString(SECRET)));
            given().header("Authorization", caller).queryParam("q", "executor secrets").get(PATH + "/search")
                    .then().statusCode(200).body("[0].name", equalTo("executorSecrets"))
                    .body("[0].value", equalTo("********")).body(not(containsString(SECRET)));
        }

        // in clear for admin and for the updateAiAgent permission, with showSecrets=true
        for (String caller : List.of(TestTokens.admin(), AI_EDITOR)) {
            given().header("Authorization", caller).queryParam("showSecrets", "true").queryParam("filterByName", "executorSecrets")
                    .get(PATH).then().statusCode(200)
                    .body("[0].value", equalTo(Map.of("OPENAI_KEY", SECRET, "CRM_TOKEN", "crm-plain-0815")));
            given().header("Authorization", caller).queryParam("showSecrets", "true").get(PATH + "/compact")
                    .then().statusCode(200).body("executorSecrets.OPENAI_KEY", equalTo(SECRET));
        }

        // the mask sent back keeps the stored value, and writes nothing
        given().header("Authorization", AI_EDITOR).contentType(ContentType.JSON).body("\"********\"")
                .put(PATH + "/executorSecrets").then().statusCode(200);
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).body("{\"executorSecrets\":\"********\"}")
                .post(PATH).then().statusCode(200);
        assertEquals(column, storedColumn());
        given().header("Authorization", TestTokens.admin()).queryParam("showSecrets", "true").get(PATH + "/compact")
                .then().body("executorSecrets.CRM_TOKEN", equalTo("crm-plain-0815"));

        // the updateAiAgent permission may change it; each write seals afresh
        given().header("Authorization", AI_EDITOR).contentType(ContentType.JSON).body("{\"executorSecrets\":{\"ONLY\":\"x-plain-1\"}}")
                .post(PATH).then().statusCode(200);
        String rewritten = storedColumn();
        assertFalse(rewritten.contains("x-plain-1"));
        given().header("Authorization", TestTokens.admin()).queryParam("showSecrets", "true").get(PATH + "/compact")
                .then().body("executorSecrets", equalTo(Map.of("ONLY", "x-plain-1")));
    }

    @Test
    void anInvalidSecretIsNotEchoedInTheError() {
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"bad name\":\"leak-me-123\",\"OK\":[\"leak-me-456\"]}")
                .put(PATH + "/executorSecrets").then().statusCode(400)
                .body("details[0].field", containsString("executorSecrets"))
                .body(not(containsString("leak-me-123")))
                .body(not(containsString("leak-me-456")));
    }
}
