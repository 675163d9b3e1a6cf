package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** Conditions and texts are checked when an agent is saved, on create and on PATCH alike. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class AiAgentSaveValidationTest {

    static final String ONE = "/api/mind/aiAgent";

    static final String VALID = """
            {"parameters":[{"key":"reading","type":"number","source":"given","required":true}],
             "responseCases":[{"id":1,"condition":"reading > 0","output":{"type":"reply","text":"Stored {reading}."}},
                              {"id":2,"condition":"reading <= 0","output":{"type":"none"}}]}""";

    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void createRefusesAnIllTypedConditionNamingTheResponseCase() {
        asAdmin().body("{\"name\":\"Typed\",\"settings\":{\"parameters\":[{\"key\":\"reading\",\"type\":\"number\"}],"
                + "\"responseCases\":[{\"condition\":\"true\"},{\"condition\":\"reading == 'x'\"}]}}")
                .post(ONE).then().statusCode(400)
                .body("details[0].field", equalTo("settings.responseCases[1].condition"))
                .body("error", containsString("CEL"));
    }

    @Test
    void patchRefusesABrokenConditionOrTextAndKeepsTheAgent() {
        String slug = "valid_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int id = asAdmin().body("{\"name\":\"Valid\",\"slug\":\"" + slug + "\",\"settings\":" + VALID + "}")
                .post(ONE).then().statusCode(200).extract().path("id");
        asAdmin().body("{\"settings.responseCases[1].condition\":\"reading <=\"}").patch(ONE + "/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("settings.responseCases[1].condition"));
        asAdmin().body("{\"settings.responseCases[0].output.text\":\"{#for x in y}\"}").patch(ONE + "/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("settings.responseCases[0].output.text"));
        asAdmin().body("{\"settings.responseCases[0].condition\":\"reading > 10.5 && reading < 100\"}").patch(ONE + "/" + id)
                .then().statusCode(200);
        asAdmin().get(ONE + "/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("settings.responseCases[0].condition", equalTo("reading > 10.5 && reading < 100"))
                .body("settings.responseCases[1].condition", equalTo("reading <= 0"));
    }
    @Test
    void anAgentInEnneosOwnFormatIsStoredAsSentAndItsStructuredConditionsAreChecked() {
        String settings = mind.aiagent.engine.StructuredConditionTest.ENNEO_AGENT;
        int id = asAdmin().body("{\"name\":\"Enneo format " + UUID.randomUUID() + "\",\"intelligence\":\"rulebased\",\"settings\":" + settings + "}")
                .post(ONE).then().statusCode(200).extract().path("id");
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.responseCases[0].condition.operator", equalTo("And"))
                .body("settings.responseCases[0].condition.operands[0].operator", equalTo("Equal"))
                .body("settings.responseCases[0].output.type", equalTo("llm"))
                .body("settings.parameters[0].source", equalTo("manual"));
        // an operand naming no parameter is refused where it stands, and the agent keeps its conditions
        asAdmin().body("{\"settings.responseCases[0].condition.operands[0].operand\":424242}").patch(ONE + "/" + id)
                .then().statusCode(400)
                .body("details[0].field", equalTo("settings.responseCases[0].condition.operands[0].operand"));
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.responseCases[0].condition.operands[0].operand", equalTo(1698862629088L));
    }
}
