package mind.telephony.onbehalf;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.auth.OnBehalfOf;
import mind.common.auth.RemoteProfileDirectory;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.onbehalf.SettingsServiceStub.InjectSettingsService;

/**
 * X-Enneo-On-Behalf-Of in a service other than settings-svc: the profile comes from settings-svc (a
 * WireMock stand-in) over HTTP with the caller's token, and is cached briefly in a bounded cache.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class OnBehalfOfTest {

    static final String WHOAMI = "/api/mind/test-support/whoami";

    @InjectSettingsService
    WireMockServer settings;

    @Inject
    RemoteProfileDirectory directory;

    private void profile(long id, String role, String... permissions) {
        settings.stubFor(get(urlEqualTo("/api/mind/profile/" + id)).willReturn(okJson("{\"success\":true,\"id\":" + id
                + ",\"firstName\":\"Eva\",\"email\":\"eva@example.com\",\"type\":\"enneo\",\"role\":\"" + role
                + "\",\"permissions\":[" + String.join(",", java.util.Arrays.stream(permissions).map(p -> "\"" + p + "\"").toList())
                + "],\"settings\":{\"status\":\"available\",\"skills\":[12]}}")));
    }

    @Test
    void theHeaderChangesTheIdentityToTheProfile() {
        profile(7001, "agent", "readTicket", "updateTicket");
        String token = TestTokens.token(1, "admin");
        given().header("Authorization", "Bearer " + token).header(OnBehalfOf.HEADER, 7001).get(WHOAMI)
                .then().statusCode(200)
                .body("principal", is("7001"))
                .body("roles", hasItem("agent"))
                .body("roles", hasItem("updateTicket"))
                .body("roles", not(hasItem("admin")))
                .body("actor", is("1"));
        // the caller's own token went to settings-svc
        settings.verify(getRequestedFor(urlEqualTo("/api/mind/profile/7001"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        // the same token without the header is the admin again (the token cache kept the caller's identity)
        given().header("Authorization", "Bearer " + token).get(WHOAMI).then().statusCode(200)
                .body("principal", is("1")).body("roles", hasItem("admin")).body("actor", is(""));
    }

    @Test
    void aServiceWorkerMayActAsSomeoneToo() {
        profile(7002, "admin", "updateSettings");
        given().header("Authorization", TestTokens.serviceWorker()).header(OnBehalfOf.HEADER, 7002).get(WHOAMI)
                .then().statusCode(200).body("principal", is("7002")).body("roles", hasItem("admin"))
                .body("roles", not(hasItem("serviceWorker")));
    }

    @Test
    void aPlainAgentGets403() {
        profile(7003, "admin");
        given().header("Authorization", TestTokens.agent(5)).header(OnBehalfOf.HEADER, 7003).get(WHOAMI)
                .then().statusCode(403).body("success", is(false)).body("code", is("forbidden"));
        settings.verify(0, getRequestedFor(urlEqualTo("/api/mind/profile/7003")));
    }

    @Test
    void unknownProfileIs400NamingTheHeader() {
        settings.stubFor(get(urlEqualTo("/api/mind/profile/7404")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Profile 7404 not found\",\"code\":\"not_found\",\"details\":[]}")));
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, 7404).get(WHOAMI)
                .then().statusCode(400).body("details[0].field", is(OnBehalfOf.HEADER));
    }

    @Test
    void settingsDownIs503() {
        settings.stubFor(get(urlEqualTo("/api/mind/profile/7503")).willReturn(aResponse().withStatus(500)));
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, 7503).get(WHOAMI)
                .then().statusCode(503).header("Retry-After", "2").body("success", is(false));
    }

    @Test
    void profilesAreCachedAndTheCacheIsBounded() {
        profile(7101, "agent", "readTicket");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, 7101).get(WHOAMI)
                    .then().statusCode(200).body("principal", is("7101"));
        }
        settings.verify(1, getRequestedFor(urlEqualTo("/api/mind/profile/7101")));

        for (long id = 7102; id <= 7106; id++) {
            profile(id, "agent");
            given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, id).get(WHOAMI)
                    .then().statusCode(200).body("principal", is(Long.toString(id)));
        }
        long held = directory.cachedProfiles();
        assertTrue(held <= SettingsServiceStub.CACHE_MAX_SIZE, "cache holds " + held);
    }
}
