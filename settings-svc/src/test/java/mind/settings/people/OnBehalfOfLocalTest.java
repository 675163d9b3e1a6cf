package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.auth.OnBehalfOf;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** X-Enneo-On-Behalf-Of end to end over HTTP, with profiles resolved in this service without HTTP. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class OnBehalfOfLocalTest {

    static int profile(String role) {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"email\":\"obo-" + UUID.randomUUID() + "@example.com\",\"firstName\":\"Acted\",\"settings\":{\"role\":\""
                        + role + "\",\"status\":\"busy\"}}")
                .post("/api/mind/profile").then().statusCode(200).extract().path("id");
    }

    @Test
    void adminActsAsAnAgent() {
        int agent = profile("agent");
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, agent)
                .get("/api/mind/profile").then().statusCode(200)
                .body("id", is(agent))
                .body("firstName", equalTo("Acted"))
                .body("role", equalTo("agent"))
                .body("settings.status", equalTo("busy"));
        // acting as an agent, the admin's own rights are gone
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, agent).contentType(ContentType.JSON)
                .body("{\"name\":\"nope\",\"type\":\"skill\"}").post("/api/mind/tag").then().statusCode(403);
        // ... and the agent's own-status rule applies to the acted profile
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, agent).contentType(ContentType.JSON)
                .body("{\"settings\":{\"status\":\"available\"}}").patch("/api/mind/profile/" + agent)
                .then().statusCode(200).body("settings.status", equalTo("available"));
    }

    @Test
    void serviceWorkerActsAsAnAdmin() {
        int admin = profile("admin");
        given().header("Authorization", TestTokens.serviceWorker()).header(OnBehalfOf.HEADER, admin)
                .contentType(ContentType.JSON).body("{\"name\":\"obo " + UUID.randomUUID() + "\",\"type\":\"skill\"}")
                .post("/api/mind/tag").then().statusCode(200).body("success", is(true));
        given().header("Authorization", TestTokens.serviceWorker()).header(OnBehalfOf.HEADER, admin)
                .get("/api/mind/profile").then().statusCode(200)
                .body("id", is(admin)).body("permissions", hasItem("updateSettings"));
    }

    @Test
    void theSameTokenWithoutTheHeaderIsItselfAgain() {
        int agent = profile("agent");
        // a subject without a stored profile: GET /profile answers from the token itself
        String token = TestTokens.bearer(880_001, "admin");
        given().header("Authorization", token).header(OnBehalfOf.HEADER, agent).get("/api/mind/profile")
                .then().statusCode(200).body("id", is(agent));
        given().header("Authorization", token).get("/api/mind/profile").then().statusCode(200)
                .body("id", is(880_001)).body("role", equalTo("admin"));
        given().header("Authorization", token).header(OnBehalfOf.HEADER, agent).get("/api/mind/profile")
                .then().statusCode(200).body("id", is(agent)).body("permissions", not(hasItem("updateSettings")));
    }

    @Test
    void agentsMayNotUseTheHeader() {
        int other = profile("admin");
        given().header("Authorization", TestTokens.agent(7)).header(OnBehalfOf.HEADER, other)
                .get("/api/mind/profile").then().statusCode(403)
                .body("success", is(false)).body("code", equalTo("forbidden"));
    }

    @Test
    void unknownOrMalformedProfileIs400NamingTheHeader() {
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, 999999999)
                .get("/api/mind/profile").then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("details[0].field", equalTo(OnBehalfOf.HEADER));
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, "seven")
                .get("/api/mind/profile").then().statusCode(400).body("details[0].field", equalTo(OnBehalfOf.HEADER));
    }

    @Test
    void theTokenIsStillVerifiedFirst() {
        int agent = profile("agent");
        given().header("Authorization", "Bearer not.a.token").header(OnBehalfOf.HEADER, agent)
                .get("/api/mind/profile").then().statusCode(401);
        given().header(OnBehalfOf.HEADER, agent).get("/api/mind/profile").then().statusCode(401);
    }
}
