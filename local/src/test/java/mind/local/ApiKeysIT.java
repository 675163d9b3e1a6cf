package mind.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * API keys across the suite, through the front door: settings-svc issues the key, and ticket-svc and
 * aiagent-svc take it by asking settings-svc over real HTTP (their own answer cache of a few seconds);
 * a revoked key is refused by settings-svc at once and by the others once that cache lets go.
 */
class ApiKeysIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    @Test
    void aKeyWorksInEveryServiceUntilItIsRevoked() throws IOException {
        String admin = suite.bearer("admin");
        int profile = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"email\":\"integration-" + UUID.randomUUID() + "@example.com\",\"firstName\":\"CRM\","
                        + "\"settings\":{\"role\":\"agent\"}}")
                .post("/api/mind/profile").then().statusCode(200).extract().path("id");
        String token = given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"name\":\"CRM sync\"}")
                .post("/api/mind/jwt/" + profile).then().statusCode(200).body("token", startsWith("mind_"))
                .extract().path("token");
        String key = "Bearer " + token;
        int keyId = Integer.parseInt(token.split("_")[1]);

        // ticket-svc: the key creates and reads a ticket as its profile
        int ticket = given().header("Authorization", key).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"subject\":\"From the CRM\",\"from\":\"kunde@example.com\",\"body\":\"<p>Hallo</p>\"}")
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        given().header("Authorization", key).get("/api/mind/ticket/" + ticket).then().statusCode(200)
                .body("subject", equalTo("From the CRM"));
        // aiagent-svc: an agent's reading rights
        given().header("Authorization", key).get("/api/mind/aiAgents").then().statusCode(200);
        // an agent's key is no admin: deleting the ticket is refused
        given().header("Authorization", key).delete("/api/mind/ticket/" + ticket).then().statusCode(403);
        // made-up keys are refused everywhere
        given().header("Authorization", key + "x").get("/api/mind/ticket/" + ticket).then().statusCode(401);
        given().header("Authorization", "Bearer mind_1_" + "A".repeat(43)).get("/api/mind/aiAgents").then().statusCode(401);

        given().header("Authorization", admin).delete("/api/mind/jwt/" + profile + "/keys/" + keyId).then().statusCode(200);
        given().header("Authorization", key).get("/api/mind/profile").then().statusCode(401);
        // the other services let go of the key within their cache's time (5 s)
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().header("Authorization", key).get("/api/mind/ticket/" + ticket).then().statusCode(401));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().header("Authorization", key).get("/api/mind/aiAgents").then().statusCode(401));
        given().header("Authorization", admin).get("/api/mind/jwt/" + profile + "/keys").then().statusCode(200)
                .body("keys[0].id", is(keyId)).body("keys[0].name", equalTo("CRM sync"));
    }
}
