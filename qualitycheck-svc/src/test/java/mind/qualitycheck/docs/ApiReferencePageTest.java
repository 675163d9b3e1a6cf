package mind.qualitycheck.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import mind.common.testing.MindTestResource;

/**
 * The cluster's API reference: this service serves the Swagger UI page at /api/mind/docs and the
 * merged document from the file the Ingress' ConfigMap provides, both without a token.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@TestProfile(ApiReferencePageTest.WithMergedDocument.class)
class ApiReferencePageTest {

    public static class WithMergedDocument implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mind.docs.merged-document",
                    Path.of("src/test/resources/docs/merged-openapi.json").toAbsolutePath().toString());
        }
    }

    @Test
    void servesTheMergedDocumentFromItsFileWithoutAToken() {
        given().get("/api/mind/docs/open-api?format=json").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("info.title", equalTo("enneo.MIND API"))
                .body("paths.'/api/mind/ticket/{ticketId}'.get.summary", equalTo("Get a ticket"));
    }

    @Test
    void servesTheReferencePageAndItsScriptsFromThisOriginWithoutAToken() {
        String page = given().redirects().follow(true).get("/api/mind/docs/").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("/api/mind/docs/open-api?format=json"),
                "the page reads the merged document: " + page);
        org.junit.jupiter.api.Assertions.assertFalse(page.matches("(?s).*(src|href)=\"https?://.*"),
                "no script or style from another origin: " + page);
        given().get("/api/mind/docs/swagger-ui-bundle.js").then().statusCode(200)
                .body(containsString("SwaggerUIBundle"));
    }
}
