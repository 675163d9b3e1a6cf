package mind.ticket.api;

import static io.restassured.RestAssured.given;
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
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * A token verified once is served from the cache of verified tokens afterwards, but never past its
 * expiry and never for a token that differs from it in any character.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class VerifiedTokenCacheTest {

    private static final Pattern HITS = Pattern.compile(
            "cache_gets_total\\{[^}]*cache=\"verified-tokens\"[^}]*result=\"hit\"[^}]*} ([0-9.E]+)");

    private static double hits() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = HITS.matcher(metrics);
        assertTrue(m.find(), "the hit count of the verified-token cache is exported");
        return Double.parseDouble(m.group(1));
    }

    private static int create(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"channel\":\"chat\"}").post("/api/mind/ticket").statusCode();
    }

    @Test
    void aTokenSentAgainIsServedFromTheCache() {
        String token = TestTokens.token(31, "agent");
        double before = hits();
        assertTrue(create(token) == 200);
        assertTrue(create(token) == 200);
        assertTrue(create(token) == 200);
        assertTrue(hits() >= before + 2, "the second and third request hit the cache");
    }

    @Test
    void aChangedSignatureIsNeverServedFromTheCache() {
        String token = TestTokens.token(32, "agent");
        assertTrue(create(token) == 200);
        int last = token.length() - 3;
        String tampered = token.substring(0, last) + (token.charAt(last) == 'x' ? 'y' : 'x') + token.substring(last + 1);
        assertTrue(create(tampered) == 401, "a token with another signature is verified, and refused");
        String[] parts = token.split("\\.");
        String otherPayload = TestTokens.token(1, "admin").split("\\.")[1];
        assertTrue(create(parts[0] + "." + otherPayload + "." + parts[2]) == 401);
        assertTrue(create(token) == 200);
    }

    @Test
    void anExpiredTokenIsRefusedEvenWhenItsVerificationIsCached() {
        // exp is whole seconds: from a whole second, the token lives a full 8 s, time enough on a busy machine
        // for the requests that must still find it valid
        Instant expiry = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
        String token = TestTokens.custom(33, "mind", "mind", expiry, "agent");
        double before = hits();
        assertTrue(create(token) == 200);
        assertTrue(create(token) == 200);
        assertTrue(hits() > before, "the token was cached before it expired");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(expiry.plusMillis(100)));
        assertTrue(create(token) == 401, "expired: refused although its verification was cached");
    }
}
