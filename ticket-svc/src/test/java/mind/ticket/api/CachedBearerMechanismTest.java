package mind.ticket.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * A bearer token the verified-token cache holds is taken past quarkus-oidc's mechanism
 * (mind.common.auth.CachedBearerMechanism): the identity is the same as when verified (principal,
 * roles), it is never used past the token's expiry, a token that differs in any character is
 * verified afresh, and a refused request still gets the 401 error shape with its Bearer challenge.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class CachedBearerMechanismTest {

    private static final Pattern HITS = Pattern.compile(
            "cache_gets_total\\{[^}]*cache=\"verified-tokens\"[^}]*result=\"hit\"[^}]*} ([0-9.E]+)");

    private static double hits() {
        Matcher m = HITS.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertTrue(m.find(), "the hit count of the verified-token cache is exported");
        return Double.parseDouble(m.group(1));
    }

    private static ValidatableResponse create(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body("{\"channel\":\"chat\"}").post("/api/mind/ticket").then();
    }

    @Test
    void aCachedTokenKeepsItsPrincipalAndRoles() {
        String token = TestTokens.token(41, "agent");
        int id = create("Bearer " + token).statusCode(200).extract().path("id");
        double before = hits();
        // the principal becomes createdBy in the activity; the scheme is case-insensitive as in quarkus-oidc
        int cached = create("bearer " + token).statusCode(200).extract().path("id");
        given().header("Authorization", "Bearer " + token).get("/api/mind/ticket/" + cached + "/activity")
                .then().statusCode(200).body("activity[0].type", equalTo("created"))
                .body("activity[0].actorId", equalTo("41"));
        assertTrue(hits() >= before + 2, "the later requests were served from the cache");
        // an agent's token, cached, still lacks the admin role
        given().header("Authorization", "Bearer " + token).delete("/api/mind/ticket/" + id)
                .then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void anExpiredCachedTokenIs401WithTheChallenge() {
        // exp is whole seconds: from a whole second, the token lives a full 8 s, time enough on a busy machine
        // for the requests that must still find it valid
        Instant expiry = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
        String token = TestTokens.custom(42, "mind", "mind", expiry, "agent");
        create("Bearer " + token).statusCode(200);
        // read after a first request: run alone, this test may come before the cache's meters are registered
        double before = hits();
        create("Bearer " + token).statusCode(200);
        assertTrue(hits() > before, "the token was cached before it expired");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(expiry.plusMillis(100)));
        create("Bearer " + token).statusCode(401).body("success", is(false)).body("code", equalTo("unauthorized"))
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer " + token).get("/api/mind/ticket/1").then().statusCode(401);
    }

    @Test
    void aTokenChangedAfterCachingIsVerifiedAndRefused() {
        String token = TestTokens.token(43, "agent");
        create("Bearer " + token).statusCode(200);
        create("Bearer " + token).statusCode(200);
        String[] parts = token.split("\\.");
        // the payload of another valid token under this token's signature
        String otherPayload = TestTokens.token(43, "admin").split("\\.")[1];
        create("Bearer " + parts[0] + "." + otherPayload + "." + parts[2]).statusCode(401);
        // one character more or less is another token, too
        create("Bearer " + token + "x").statusCode(401);
        create("Bearer " + token.substring(0, token.length() - 1)).statusCode(401);
        create("Bearer " + token).statusCode(200);
    }
}
