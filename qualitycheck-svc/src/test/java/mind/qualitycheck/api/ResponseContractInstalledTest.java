package mind.qualitycheck.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.ResponseContract;
import mind.common.testing.TestTokens;
import mind.common.testing.WithoutResponseContract;

/**
 * Common's {@link ResponseContract} is installed for every {@code @QuarkusTest} of the service without any
 * code in the test: each response of the service's own HTTP tests is checked against its document
 * ({@code ResponseContractTest} in common shows that a mismatch fails the test).
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ResponseContractInstalledTest {

    @Test
    void everyResponseIsCheckedAgainstTheServicesDocument() {
        assertTrue(ResponseContract.isInstalled(), "ResponseContract is a global rest-assured filter");
        long before = ResponseContract.checkedResponses();
        given().header("Authorization", TestTokens.admin()).get("/api/mind/aiQualityCheck/testRun").then().statusCode(200);
        given().get("/api/mind/aiQualityCheck/testRun").then().statusCode(401);
        assertEquals(before + 2, ResponseContract.checkedResponses(), "both answers were checked");
        given().get("/q/health/live").then().statusCode(200);
        assertEquals(before + 2, ResponseContract.checkedResponses(), "a path outside the document is not checked");
    }

    @Test
    @WithoutResponseContract("shows that the annotation turns the check off")
    void aTestMayTurnItOff() {
        long before = ResponseContract.checkedResponses();
        given().header("Authorization", TestTokens.admin()).get("/api/mind/aiQualityCheck/testRun").then().statusCode(200);
        assertEquals(before, ResponseContract.checkedResponses());
    }
}
