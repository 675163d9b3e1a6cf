package mind.telephony.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** GET /telephony/getToken: a signed softphone token for the caller, with audience and expiry from configuration. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class SoftphoneTokenTest {

    static final String KEY = "test-softphone-signing-key-0123456789";

    private static Response getToken(String authorization) {
        return given().header("Authorization", authorization).get(CallStubs.BASE + "getToken");
    }

    private static JwtConsumer consumer(String audience, Instant at) {
        return new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(KEY.getBytes(StandardCharsets.UTF_8)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setExpectedAudience(audience)
                .setExpectedIssuer("mind-telephony")
                .setRequireExpirationTime()
                .setRequireSubject()
                .setEvaluationTime(NumericDate.fromSeconds(at.getEpochSecond()))
                .build();
    }

    @Test
    void anAgentGetsASignedTokenForThemselves() throws Exception {
        Response r = getToken(TestTokens.agent(42));
        r.then().statusCode(200).body("success", is(true)).body("expiresIn", is(300))
                .header("Cache-Control", is("no-store"));
        String token = r.path("token");
        JwtClaims claims = consumer("mind-softphone", Instant.now()).processToClaims(token);
        assertEquals("42", claims.getSubject());
        assertEquals(List.of("mind-softphone"), claims.getAudience());
        assertEquals("softphone", claims.getStringClaimValue("scope"));
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue(), "ttl 5 min");
        assertEquals(claims.getIssuedAt().getValue(), claims.getNotBefore().getValue());
        assertEquals(Instant.ofEpochSecond(claims.getExpirationTime().getValue()).toString(),
                JsonPath.from(r.asString()).getString("expiresAt"));
        assertTrue(claims.getJwtId() != null && !claims.getJwtId().isBlank());

        String admins = getToken(TestTokens.admin()).then().statusCode(200).extract().path("token");
        JwtClaims adminClaims = consumer("mind-softphone", Instant.now()).processToClaims(admins);
        assertEquals("1", adminClaims.getSubject());
        assertNotEquals(claims.getJwtId(), adminClaims.getJwtId(), "every token has its own id");
    }

    @Test
    void theTokenExpiresAndIsOnlyForTheSoftphoneAudience() {
        String token = getToken(TestTokens.agent(42)).then().statusCode(200).extract().path("token");
        Instant later = Instant.now().plusSeconds(301 + 60); // past exp and jose4j's default clock skew
        InvalidJwtException expired = assertThrows(InvalidJwtException.class,
                () -> consumer("mind-softphone", later).processToClaims(token));
        assertTrue(expired.hasExpired(), expired.getMessage());
        InvalidJwtException wrongAudience = assertThrows(InvalidJwtException.class,
                () -> consumer("mind", Instant.now()).processToClaims(token));
        assertTrue(wrongAudience.getMessage().contains("Audience"), wrongAudience.getMessage());
        // signed with the configured key: another key does not verify it
        assertThrows(InvalidJwtException.class, () -> new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey("another-key-of-thirty-two-bytes-or-more".getBytes(StandardCharsets.UTF_8)))
                .setExpectedAudience("mind-softphone").build().processToClaims(token));
    }

    @Test
    void onlyAgentsAndAdminsGetOne() {
        given().get(CallStubs.BASE + "getToken").then().statusCode(401);
        getToken(TestTokens.serviceWorker()).then().statusCode(403).body("success", is(false));
        getToken("Bearer not-a-token").then().statusCode(401);
    }
}
