package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** showSecrets is true or false (or 1/0); anything else is a 400 naming it, not silently "false". */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ShowSecretsParameterTest {

    @Test
    void listRefusesAValueThatIsNoBoolean() {
        given().header("Authorization", TestTokens.admin()).queryParam("showSecrets", "maybe").get("/api/mind/aiAgents")
                .then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("showSecrets"));
    }

    @Test
    void singleAgentRefusesAValueThatIsNoBoolean() {
        given().header("Authorization", TestTokens.admin()).queryParam("showSecrets", "maybe").get("/api/mind/aiAgent/1")
                .then().statusCode(400).body("details[0].field", equalTo("showSecrets"));
    }

    @Test
    void anEmptyValueMeansTheDefault() {
        given().header("Authorization", TestTokens.admin()).queryParam("showSecrets", "").get("/api/mind/aiAgents")
                .then().statusCode(200);
    }
}
