package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class DefaultAgentsResourceTest {

    @Test
    void catalogueListsAndLoadsIdempotently() {
        // other test classes share the database and may have made an agent with one of these slugs
        for (String slug : new String[] { "process_meter_reading", "change_bank_data", "change_address", "change_instalment",
                "cancel_contract" }) {
            given().header("Authorization", TestTokens.admin()).delete("/api/mind/aiAgent/" + slug);
        }
        given().header("Authorization", TestTokens.agent(4)).get("/api/mind/aiAgents/availableDefaults").then().statusCode(200)
                .body("success", is(true))
                .body("availableAiAgents", hasSize(5))
                .body("availableAiAgents.slug", hasItems("process_meter_reading", "change_bank_data", "change_address",
                        "change_instalment", "cancel_contract"))
                .body("availableAiAgents[0].intelligence", equalTo("rulebased"));

        given().header("Authorization", TestTokens.agent(4)).contentType(ContentType.JSON)
                .post("/api/mind/aiAgents/loadDefaults").then().statusCode(403);
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).body("{\"slugs\":[\"nope\"]}")
                .post("/api/mind/aiAgents/loadDefaults").then().statusCode(400).body("details[0].field", equalTo("slugs[0]"));

        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).body("[\"change_bank_data\"]")
                .post("/api/mind/aiAgents/loadDefaults").then().statusCode(200)
                .body("loaded", hasSize(1)).body("loaded[0]", equalTo("change_bank_data"));
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .post("/api/mind/aiAgents/loadDefaults").then().statusCode(200)
                .body("loaded", hasSize(4)).body("skipped", hasItems("change_bank_data"));
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .post("/api/mind/aiAgents/loadDefaults").then().statusCode(200)
                .body("loaded", hasSize(0)).body("skipped", hasSize(5));

        given().header("Authorization", TestTokens.admin()).get("/api/mind/aiAgent/process_meter_reading").then().statusCode(200)
                .body("name", equalTo("Process meter reading"))
                .body("settings.responseCases[1].id", equalTo("stored"));
        given().header("Authorization", TestTokens.admin()).queryParam("q", "Kündigung").get("/api/mind/aiAgents")
                .then().statusCode(200).body("[0].slug", equalTo("cancel_contract"));
    }

    @Test
    void samplesServeTheCatalogueWhole() {
        // a bare array, as clients read it (jq '[.[] | {id, name, description}]')
        given().header("Authorization", TestTokens.agent(4)).get("/api/mind/aiAgents/samples").then().statusCode(200)
                .body("$", hasSize(5))
                .body("slug", contains("process_meter_reading", "change_bank_data", "change_address",
                        "change_instalment", "cancel_contract"))
                .body("id", contains(1, 2, 3, 4, 5))
                .body("[0].name", equalTo("Process meter reading"))
                .body("[0].intelligence", equalTo("rulebased"))
                .body("[0].channels", contains("all"))
                .body("[0].settings.responseCases[1].id", equalTo("stored"))
                .body("description", everyItem(notNullValue()))
                .body("settings.executor", everyItem(empty()))
                .body("settings.personality", everyItem(anEmptyMap()))
                .body("settings.parameters", everyItem(not(empty())));
        String raw = given().header("Authorization", TestTokens.agent(4)).get("/api/mind/aiAgents/samples").asString();
        org.junit.jupiter.api.Assertions.assertTrue(raw.startsWith("["), raw.substring(0, Math.min(80, raw.length())));

        for (String ref : new String[] { "change_bank_data", "2" }) {
            given().header("Authorization", TestTokens.serviceWorker()).get("/api/mind/aiAgents/samples/" + ref)
                    .then().statusCode(200)
                    .body("success", is(true))
                    .body("id", is(2))
                    .body("slug", equalTo("change_bank_data"))
                    .body("description", containsString("IBAN"))
                    .body("settings.parameters", not(empty()))
                    .body("settings.detectionDetails.keywords", not(empty()));
        }
        for (String unknown : new String[] { "nope", "99", "0", "Change_Bank_Data", "x".repeat(300) }) {
            given().header("Authorization", TestTokens.admin()).get("/api/mind/aiAgents/samples/" + unknown)
                    .then().statusCode(404)
                    .body("success", is(false))
                    .body("error", equalTo("Sample not found"))
                    .body("code", notNullValue());
        }
        given().get("/api/mind/aiAgents/samples").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(9, "somethingElse")).get("/api/mind/aiAgents/samples/1")
                .then().statusCode(403);
    }
}
