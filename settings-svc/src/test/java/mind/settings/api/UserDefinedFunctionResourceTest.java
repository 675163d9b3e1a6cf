package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class UserDefinedFunctionResourceTest {

    static final String PATH = "/api/mind/settings/user-defined-function";

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    static String uniqueName() {
        return "fn_" + UUID.randomUUID().toString().replace("-", "");
    }

    static int create(String body) {
        return as(TestTokens.admin()).body(body).post(PATH).then().statusCode(200)
                .body("success", is(true)).extract().path("id");
    }

    @Test
    void theShortFormCreatesAToolInEnneosShape() {
        String name = uniqueName();
        int id = create("{\"name\":\"" + name + "\",\"code\":\"print(1)\",\"language\":\"python311\",\"isTool\":true}");

        as(TestTokens.agent(2)).get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("success", is(true))
                .body("userDefinedFunction.id", equalTo(id))
                .body("userDefinedFunction.name", equalTo(name))
                .body("userDefinedFunction.type", equalTo("tool"))
                .body("userDefinedFunction.data.udfExecutor.id", equalTo(id))
                .body("userDefinedFunction.data.udfExecutor.code", equalTo("print(1)"))
                .body("userDefinedFunction.data.udfExecutor.type", equalTo("sourceCode"))
                .body("userDefinedFunction.data.udfExecutor.language", equalTo("python311"))
                .body("userDefinedFunction.data.udfExecutor.packages", equalTo(""))
                .body("userDefinedFunction.data.udfExecutor.parameters.size()", is(0));
    }

    @Test
    void enneosDocumentedShapeIsAcceptedAndListedByFilter() {
        String name = uniqueName();
        int id = create("{\"id\":99,\"name\":\"" + name + "\",\"type\":\"udf\",\"data\":{\"udfExecutor\":{\"id\":5,"
                + "\"code\":\"<?php echo 1;\",\"type\":\"sourceCode\",\"language\":\"php82\",\"packages\":\"guzzle\","
                + "\"parameters\":{\"method\":{\"type\":\"string\"}}}}}");

        as(TestTokens.serviceWorker()).queryParam("filter", "udf").get(PATH).then().statusCode(200)
                .body("success", is(true))
                .body("userDefinedFunctions.type", everyItem(equalTo("udf")))
                .body("userDefinedFunctions.find { it.id == " + id + " }.name", equalTo(name))
                .body("userDefinedFunctions.find { it.id == " + id + " }.data.udfExecutor.language", equalTo("php82"))
                .body("userDefinedFunctions.find { it.id == " + id + " }.data.udfExecutor.packages", equalTo("guzzle"))
                .body("userDefinedFunctions.find { it.id == " + id + " }.data.udfExecutor.parameters.method.type",
                        equalTo("string"));
        as(TestTokens.agent(2)).queryParam("filter", "tool").get(PATH).then().statusCode(200)
                .body("userDefinedFunctions.type", everyItem(equalTo("tool")))
                .body("userDefinedFunctions.id", not(hasItem(id)));
        as(TestTokens.agent(2)).get(PATH).then().statusCode(200).body("userDefinedFunctions.id", hasItem(id));
    }

    @Test
    void badInputIsA400NamingTheField() {
        String name = uniqueName();
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"code\":\"x\",\"language\":\"cobol\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("language"));
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"code\":\"x\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("language"));
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"language\":\"node20\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("code"));
        as(TestTokens.admin()).body("{\"name\":\"has space\",\"code\":\"x\",\"language\":\"node20\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        as(TestTokens.admin()).body("{\"name\":\"../etc\",\"code\":\"x\",\"language\":\"node20\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        as(TestTokens.admin()).body("{\"code\":\"x\",\"language\":\"node20\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"code\":\"x\",\"language\":\"node20\",\"parameters\":\"str\"}")
                .post(PATH).then().statusCode(400).body("details[0].field", equalTo("parameters"));
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"code\":\"x\",\"language\":\"node20\",\"type\":\"udf\","
                + "\"isTool\":true}").post(PATH).then().statusCode(400).body("details[0].field", equalTo("isTool"));
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"code\":\"x\",\"language\":\"node20\","
                + "\"data\":{\"udfExecutor\":{\"code\":\"y\"}}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("code"));
        as(TestTokens.admin()).body("{\"name\":\"" + name + "\",\"data\":{\"udfExecutor\":{\"code\":\"y\","
                + "\"language\":\"node20\",\"type\":\"binary\"}}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("data.udfExecutor.type"));
        as(TestTokens.admin()).queryParam("filter", "everything").get(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("filter"));
        // nothing of it was stored
        as(TestTokens.admin()).get(PATH).then().statusCode(200).body("userDefinedFunctions.name", not(hasItem(name)));
    }

    @Test
    void codeIsBoundedInBytes() {
        // 256 KiB is the default bound; ä is two bytes, so 131073 of them are one byte too many
        as(TestTokens.admin()).body("{\"name\":\"" + uniqueName() + "\",\"code\":\"" + "ä".repeat(131_073)
                + "\",\"language\":\"node20\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("code"))
                .body("details[0].message", containsString("262144 bytes"));
        create("{\"name\":\"" + uniqueName() + "\",\"code\":\"" + "ä".repeat(131_072) + "\",\"language\":\"node20\"}");
    }

    @Test
    void aNameIsUniqueRegardlessOfCase() throws Exception {
        String name = uniqueName();
        create("{\"name\":\"" + name + "\",\"code\":\"x\",\"language\":\"node20\"}");
        as(TestTokens.admin()).body("{\"name\":\"" + name.toUpperCase() + "\",\"code\":\"y\",\"language\":\"php82\"}").post(PATH)
                .then().statusCode(409).body("code", equalTo("duplicate")).body("details[0].field", equalTo("name"));

        String raced = uniqueName();
        List<Integer> statuses = Concurrently.run(5, () -> as(TestTokens.admin())
                .body("{\"name\":\"" + raced + "\",\"code\":\"x\",\"language\":\"node20\"}").post(PATH).statusCode());
        org.junit.jupiter.api.Assertions.assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        org.junit.jupiter.api.Assertions.assertEquals(4, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    @Test
    void onlyAnAdminWrites() {
        String body = "{\"name\":\"" + uniqueName() + "\",\"code\":\"x\",\"language\":\"node20\"}";
        as(TestTokens.agent(2)).body(body).post(PATH).then().statusCode(403);
        as(TestTokens.serviceWorker()).body(body).post(PATH).then().statusCode(403);
        int id = create(body.replace("fn_", "fn2_"));
        as(TestTokens.agent(2)).delete(PATH + "/" + id).then().statusCode(403);
        as(TestTokens.agent(2)).get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void deleteHonoursIfMatchAndUnknownIdsAre404() {
        int id = create("{\"name\":\"" + uniqueName() + "\",\"code\":\"x\",\"language\":\"node20\"}");
        String etag = as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");

        as(TestTokens.admin()).header("If-Match", "\"7\"").delete(PATH + "/" + id).then().statusCode(412)
                .body("code", equalTo("precondition_failed"));
        as(TestTokens.admin()).header("If-Match", "W/\"0\"").delete(PATH + "/" + id).then().statusCode(412);
        as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(200);
        as(TestTokens.admin()).header("If-Match", etag).delete(PATH + "/" + id).then().statusCode(200).body("success", is(true));
        as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        as(TestTokens.admin()).delete(PATH + "/" + id).then().statusCode(404);

        int other = create("{\"name\":\"" + uniqueName() + "\",\"code\":\"x\",\"language\":\"node20\"}");
        as(TestTokens.admin()).delete(PATH + "/" + other).then().statusCode(200);
    }

    @Test
    void aRepeatedIdempotencyKeyCreatesOnce() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"" + uniqueName() + "\",\"code\":\"x\",\"language\":\"node20\"}";
        int first = as(TestTokens.admin()).header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(200)
                .extract().path("id");
        as(TestTokens.admin()).header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }
}
