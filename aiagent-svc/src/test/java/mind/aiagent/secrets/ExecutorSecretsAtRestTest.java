package mind.aiagent.secrets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Executor secrets are sealed in the database (Tink AEAD), opened for admins who ask with showSecrets,
 * masked for everyone else, and stay sealed and intact through later writes.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ExecutorSecretsAtRestTest {

    static final String ONE = "/api/mind/aiAgent";
    static final String SECRET = "sk-live-plain-" + UUID.randomUUID();
    static final String PASSWORD = "crm-pass-" + UUID.randomUUID();

    @Inject
    javax.sql.DataSource dataSource;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private String slug() {
        return "sealed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private int create(String slug, String apiKey) {
        return asAdmin().body("""
                {"name":"CRM bank data","slug":"%s","settings":{"executor":[
                  {"type":"apiCall","settings":{"url":"https://crm.example/api","apiKey":"%s",
                   "auth":{"user":"mind","password":"%s"}}}]}}""".formatted(slug, apiKey, PASSWORD))
                .post(ONE).then().statusCode(200).extract().path("id");
    }

    private String stored(int id) throws Exception {
        try (var c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select settings::text from ai_agent where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getString(1);
            }
        }
    }

    private void store(int id, String settings) throws Exception {
        try (var c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("update ai_agent set settings = cast(? as jsonb) where id = ?")) {
            s.setString(1, settings);
            s.setLong(2, id);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void theStoredColumnHoldsNoPlainSecretAndAdminsReadItBack() throws Exception {
        int id = create(slug(), SECRET);

        String column = stored(id);
        assertFalse(column.contains(SECRET), column);
        assertFalse(column.contains(PASSWORD), column);
        assertTrue(column.contains("sealed:v1:"), column);
        assertTrue(column.contains("https://crm.example/api"), "non-secret values stay readable: " + column);

        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id).then().statusCode(200)
                .body("settings.executor[0].settings.apiKey", equalTo(SECRET))
                .body("settings.executor[0].settings.auth.password", equalTo(PASSWORD));
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.executor[0].settings.apiKey", equalTo("********"))
                .body("settings.executor[0].settings.auth.password", equalTo("********"));
        // an agent without updateAiAgent asking for secrets sees the mask
        given().header("Authorization", TestTokens.agent(2)).queryParam("showSecrets", true).get(ONE + "/" + id).then()
                .body("settings.executor[0].settings.apiKey", equalTo("********"));
    }

    @Test
    void laterWritesKeepTheSecretSealedAndIntact() throws Exception {
        String slug = slug();
        int id = create(slug, SECRET);

        // a new slug (the secrets' associated data) and a dotted change elsewhere in the executor
        String renamed = slug + "_x";
        asAdmin().body("{\"slug\":\"" + renamed + "\",\"settings.executor[0].settings.url\":\"https://crm2.example\"}")
                .patch(ONE + "/" + id).then().statusCode(200);
        // the masked settings read back and sent again unchanged
        String masked = asAdmin().get(ONE + "/" + id).then().extract().jsonPath().prettify();
        Object settings = io.restassured.path.json.JsonPath.from(masked).get("settings");
        asAdmin().body(java.util.Map.of("settings", settings)).patch(ONE + "/" + id).then().statusCode(200);

        String column = stored(id);
        assertFalse(column.contains(SECRET), column);
        assertTrue(column.contains("https://crm2.example"), column);
        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + renamed).then().statusCode(200)
                .body("settings.executor[0].settings.apiKey", equalTo(SECRET))
                .body("settings.executor[0].settings.auth.password", equalTo(PASSWORD));
    }

    @Test
    void aPlainSecretStoredBeforeSealingIsReadAndSealedOnTheNextWrite() throws Exception {
        int id = create(slug(), SECRET);
        store(id, "{\"executor\":[{\"type\":\"apiCall\",\"settings\":{\"apiKey\":\"legacy-plain-key\"}}]}");

        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id).then()
                .body("settings.executor[0].settings.apiKey", equalTo("legacy-plain-key"));
        asAdmin().body("{\"name\":\"CRM bank data v2\"}").patch(ONE + "/" + id).then().statusCode(200);

        assertFalse(stored(id).contains("legacy-plain-key"));
        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id).then()
                .body("settings.executor[0].settings.apiKey", equalTo("legacy-plain-key"));
    }

    @Test
    void theMaskWithNoStoredSecretIsRefusedNamingTheField() {
        asAdmin().body("""
                {"name":"Masked","slug":"%s","settings":{"executor":[{"type":"apiCall","settings":{"apiKey":"********"}}]}}"""
                .formatted(slug()))
                .post(ONE).then().statusCode(400)
                .body("details[0].field", equalTo("settings.executor[0].settings.apiKey"));
    }

    @Test
    void aCiphertextCopiedToAnotherAgentDoesNotOpenThere() throws Exception {
        int from = create(slug(), SECRET);
        int to = create(slug(), "other-key");
        store(to, stored(from));

        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + to).then().statusCode(500)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(SECRET)));
    }
}
