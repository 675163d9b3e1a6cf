package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

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
}
