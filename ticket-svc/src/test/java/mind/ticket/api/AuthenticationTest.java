package mind.ticket.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * What a token must be to be accepted (signed by the configured key, from issuer {@code mind}, for
 * audience {@code mind}, not expired), and when the {@code connect.sid} cookie may stand in for the
 * Authorization header: for reads unless another site sent them, for writes only from a trusted origin (no CSRF).
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class AuthenticationTest {

    private static final String NEW_TICKET = "{\"channel\":\"portal\"}";

    private static Instant inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS);
    }

    private static void refused(String token) {
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(NEW_TICKET)
                .post("/api/mind/ticket")
                .then().statusCode(401)
                .body("success", is(false))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        given().header("Authorization", "Bearer " + TestTokens.custom(7, "mind", "mind", inAnHour(), "agent"))
                .contentType(ContentType.JSON).body(NEW_TICKET)
                .post("/api/mind/ticket").then().statusCode(200);
    }

    @Test
    void expiredTokenIs401() {
        refused(TestTokens.custom(7, "mind", "mind", Instant.now().minus(5, ChronoUnit.MINUTES), "agent"));
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        refused(TestTokens.custom(7, "someone-else", "mind", inAnHour(), "agent"));
    }

    @Test
    void tokenForAnotherAudienceOrNoneIs401() {
        refused(TestTokens.custom(7, "mind", "billing", inAnHour(), "agent"));
        refused(TestTokens.custom(7, "mind", null, inAnHour(), "agent"));
    }

    @Test
    void tokenWithAChangedSignatureIs401() {
        String token = TestTokens.token(7, "agent");
        // flip one character of the signature part
        int last = token.length() - 2;
        char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
        refused(token.substring(0, last) + flipped + token.substring(last + 1));
        // and one whose payload was changed under a valid signature
        String[] parts = TestTokens.token(7, "agent").split("\\.");
        String admin = TestTokens.token(1, "admin").split("\\.")[1];
        refused(parts[0] + "." + admin + "." + parts[2]);
    }

    private static RequestSpecification withCookie() {
        return given().cookie("connect.sid", TestTokens.token(7, "agent")).contentType(ContentType.JSON);
    }

    @Test
    void cookieAuthorisesReadsOfThisSiteAndTheTrustedFrontend() {
        int id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(NEW_TICKET)
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        // a same-origin GET: browsers send no Origin, or fetch metadata saying so
        withCookie().get("/api/mind/ticket/" + id).then().statusCode(200).body("id", is(id));
        withCookie().header("Sec-Fetch-Site", "same-origin").header("Origin", "https://mind.example")
                .get("/api/mind/ticket/" + id).then().statusCode(200).body("id", is(id));
        withCookie().header("Sec-Fetch-Site", "none").get("/api/mind/ticket/" + id).then().statusCode(200);
        // the trusted frontend on another site
        withCookie().header("Sec-Fetch-Site", "cross-site").header("Origin", MindTestResource.TRUSTED_ORIGIN)
                .get("/api/mind/ticket/" + id).then().statusCode(200).body("id", is(id));
        withCookie().header("Sec-Fetch-Site", "cross-site").header("Referer", MindTestResource.TRUSTED_ORIGIN + "/tickets")
                .get("/api/mind/ticket/" + id).then().statusCode(200);
    }

    @Test
    void cookieAuthorisesNoReadThatAnotherSiteMakesTheBrowserSend() {
        int id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(NEW_TICKET)
                .post("/api/mind/ticket").then().statusCode(200).extract().path("id");
        // a foreign page's fetch, image or link: a ping would record presence and renew the agent's claim
        withCookie().header("Origin", "https://evil.example").get("/api/mind/ticket/" + id + "/ping")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        withCookie().header("Sec-Fetch-Site", "cross-site").get("/api/mind/ticket/" + id + "/ping")
                .then().statusCode(401);
        withCookie().header("Sec-Fetch-Site", "cross-site").header("Referer", "https://evil.example/page")
                .get("/api/mind/ticket/" + id).then().statusCode(401);
        withCookie().header("Origin", "null").get("/api/mind/ticket/" + id).then().statusCode(401);
        // nobody was recorded as present by those pings: the agent's own ping lists only itself
        given().header("Authorization", TestTokens.agent(8)).get("/api/mind/ticket/" + id + "/ping")
                .then().statusCode(200).body("workedOnBy.id", not(hasItem(7)));
        // while a ping of its own, with the header, is recorded
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id + "/ping").then().statusCode(200);
        given().header("Authorization", TestTokens.agent(8)).get("/api/mind/ticket/" + id + "/ping")
                .then().statusCode(200).body("workedOnBy.id", hasItem(7));
    }

    @Test
    void cookieAloneNeverAuthorisesAWrite() {
        withCookie().body(NEW_TICKET).post("/api/mind/ticket")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        withCookie().header("Origin", "https://evil.example").body(NEW_TICKET).post("/api/mind/ticket")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        // a look-alike of the trusted origin is another origin
        withCookie().header("Origin", MindTestResource.TRUSTED_ORIGIN + ".evil.example").body(NEW_TICKET)
                .post("/api/mind/ticket").then().statusCode(401);
        withCookie().header("Origin", "null").body(NEW_TICKET).post("/api/mind/ticket").then().statusCode(401);
        withCookie().header("Referer", "https://evil.example/page").body(NEW_TICKET).post("/api/mind/ticket")
                .then().statusCode(401);
    }

    @Test
    void cookieAuthorisesWritesFromTheTrustedFrontend() {
        withCookie().header("Origin", MindTestResource.TRUSTED_ORIGIN).body(NEW_TICKET).post("/api/mind/ticket")
                .then().statusCode(200).body("channel", equalTo("portal"));
        // without Origin, the Referer's origin counts
        withCookie().header("Referer", MindTestResource.TRUSTED_ORIGIN + "/tickets/5").body(NEW_TICKET)
                .post("/api/mind/ticket").then().statusCode(200);
    }

    @Test
    void theHeaderNeedsNoOriginCheck() {
        // browsers never add an Authorization header on their own, so a foreign origin is no forgery here
        given().header("Authorization", TestTokens.agent(7)).header("Origin", "https://evil.example")
                .contentType(ContentType.JSON).body(NEW_TICKET)
                .post("/api/mind/ticket").then().statusCode(200);
    }
}
