package mind.telephony.onbehalf;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.onbehalf.SettingsServiceStub.InjectSettingsService;

/**
 * API keys in a service other than settings-svc: resolved by settings-svc (a WireMock stand-in) over HTTP
 * with the key itself, each answer kept for the cache's time and never past the key's expiry.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class ApiKeyLookupTest {

    static final String WHOAMI = "/api/mind/test-support/whoami";
    static final String IDENTITY = "/api/mind/jwt/identity";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @InjectSettingsService
    WireMockServer settings;

    static String key(long id, char fill) {
        return "mind_" + id + "_" + String.valueOf(fill).repeat(43);
    }

    private void valid(String key, long profileId, String role, Instant expiresAt, String... permissions) {
        settings.stubFor(get(urlEqualTo(IDENTITY)).withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(okJson("{\"success\":true,\"profileId\":" + profileId + ",\"role\":\"" + role + "\",\"permissions\":["
                        + String.join(",", java.util.Arrays.stream(permissions).map(p -> "\"" + p + "\"").toList())
                        + "],\"keyId\":" + key.split("_")[1] + ",\"expiresAt\":\"" + TIME.format(expiresAt) + "\"}")));
    }

    @Test
    void aKeyActsAsItsProfileAndOneLookupServesABurst() {
        String key = key(31, 'a');
        valid(key, 4711, "agent", Instant.now().plusSeconds(3600), "readTicket", "updateTicket");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + key).get(WHOAMI).then().statusCode(200)
                    .body("principal", is("4711")).body("roles", hasItem("agent")).body("roles", hasItem("updateTicket"))
                    .body("roles", not(hasItem("admin")));
        }
        settings.verify(1, getRequestedFor(urlEqualTo(IDENTITY)).withHeader("Authorization", equalTo("Bearer " + key)));
        // a JWT takes its usual way: no lookup
        int before = settings.findAll(getRequestedFor(urlEqualTo(IDENTITY))).size();
        given().header("Authorization", TestTokens.admin()).get(WHOAMI).then().statusCode(200).body("principal", is("1"));
        settings.verify(before, getRequestedFor(urlEqualTo(IDENTITY)));
    }

    @Test
    void aRefusedKeyIs401AndIsNotAskedForAgainAtOnce() {
        String key = key(32, 'b');
        settings.stubFor(get(urlEqualTo(IDENTITY)).withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"error\":\"Missing or invalid bearer token\",\"code\":\"unauthorized\",\"details\":[]}")));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + key).get(WHOAMI).then().statusCode(401).body("code", is("unauthorized"));
        }
        settings.verify(1, getRequestedFor(urlEqualTo(IDENTITY)).withHeader("Authorization", equalTo("Bearer " + key)));
    }

    @Test
    void aKeyPastItsExpiryIsRefusedEvenWhenVouchedFor() {
        String key = key(33, 'c');
        Instant expiresAt = Instant.now().plusSeconds(2);
        valid(key, 4712, "admin", expiresAt);
        given().header("Authorization", "Bearer " + key).get(WHOAMI).then().statusCode(200).body("principal", is("4712"));
        // settings-svc (the stub) still vouches for it; the expiry it gave is what counts
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", "Bearer " + key).get(WHOAMI).then().statusCode(401));
        org.junit.jupiter.api.Assertions.assertFalse(Instant.now().isBefore(expiresAt.minusSeconds(1)),
                "refused before its expiry");
    }

    @Test
    void settingsDownIs503() {
        String key = key(34, 'd');
        settings.stubFor(get(urlEqualTo(IDENTITY)).withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(aResponse().withStatus(500)));
        given().header("Authorization", "Bearer " + key).get(WHOAMI).then().statusCode(503).body("success", is(false));
    }
}
