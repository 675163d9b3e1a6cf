package mind.settings.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import mind.common.error.ApiException;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.service.MailboxTokens;
import mind.settings.support.MailboxOAuthProfile;
import mind.settings.support.MicrosoftStub;
import mind.settings.support.MicrosoftStub.InjectMicrosoft;

/**
 * {@link MailboxTokens#accessToken}: a token about to expire is refreshed at the (WireMock) token endpoint,
 * once however many callers ask at the same time, and the new tokens are stored sealed.
 */
@QuarkusTest
@TestProfile(MailboxOAuthProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(MicrosoftStub.class)
class MailboxTokenRefreshTest {

    @InjectMicrosoft
    WireMockServer microsoft;

    @Inject
    MailboxTokens tokens;

    @Inject
    EntityManager em;

    @BeforeEach
    void reset() {
        microsoft.resetAll();
    }

    /** A mailbox authorized through the real flow, whose access token lives {@code expiresIn} seconds. */
    long authorizedMailbox(String accessToken, String refreshToken, int expiresIn) throws Exception {
        long subchannelId = MailboxOAuthFlowTest.emailSubchannel();
        String state = MailboxOAuthFlowTest.startAuthorization(subchannelId).getState().getValue();
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"access_token\":\"" + accessToken + "\",\"refresh_token\":\""
                        + refreshToken + "\",\"expires_in\":" + expiresIn + "}")));
        assertEquals(List.of("success"), MailboxOAuthFlowTest.frontendQuery(
                MailboxOAuthFlowTest.callback(Map.of("code", "c", "state", state))).get("mailboxAuth"));
        return subchannelId;
    }

    List<LoggedRequest> refreshRequests() {
        return microsoft.findAll(postRequestedFor(urlPathEqualTo(MicrosoftStub.TOKEN_PATH))
                .withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void aTokenValidBeyondTheMarginIsHandedOutAsItIs() throws Exception {
        String accessToken = "AT-" + UUID.randomUUID();
        long subchannelId = authorizedMailbox(accessToken, "RT-" + UUID.randomUUID(), 3600);

        assertEquals(accessToken, tokens.accessToken(subchannelId));
        assertEquals(0, refreshRequests().size());
    }

    @Test
    void anExpiringTokenIsRefreshedOnceForManyParallelCallers() throws Exception {
        String oldRefresh = "RT-" + UUID.randomUUID();
        // 60 s left is inside the 5 min refresh margin
        long subchannelId = authorizedMailbox("AT-" + UUID.randomUUID(), oldRefresh, 60);
        String newAccess = "AT2-" + UUID.randomUUID();
        String newRefresh = "RT2-" + UUID.randomUUID();
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
                // slow enough that every caller asks while the first refresh is still under way
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"access_token\":\"" + newAccess + "\",\"refresh_token\":\""
                        + newRefresh + "\",\"expires_in\":3600}").withFixedDelay(1000)));

        List<String> handedOut = Concurrently.run(6, () -> tokens.accessToken(subchannelId));

        assertEquals(List.of(newAccess, newAccess, newAccess, newAccess, newAccess, newAccess), handedOut);
        List<LoggedRequest> refreshes = refreshRequests();
        assertEquals(1, refreshes.size(), "one refresh for six callers");
        Map<String, List<String>> form = URLUtils.parseParameters(refreshes.get(0).getBodyAsString());
        assertEquals(List.of(oldRefresh), form.get("refresh_token"));
        assertEquals(List.of(MailboxOAuthProfile.CLIENT_ID), form.get("client_id"));

        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select access_token, refresh_token from mailbox_oauth where subchannel_id = ?1")
                .setParameter(1, subchannelId).getSingleResult());
        for (Object column : stored) {
            assertTrue(((String) column).startsWith("sealed:v1:"));
            assertFalse(((String) column).contains(newAccess) || ((String) column).contains(newRefresh));
        }
        // the new token is good for an hour: no further call
        assertEquals(newAccess, tokens.accessToken(subchannelId));
        assertEquals(1, refreshRequests().size());
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", subchannelId)
                .get("/api/mind/settings/mailbox/microsoft/status").then().statusCode(200)
                .body("authorized", is(true)).body("refreshedAt", notNullValue());
    }

    @Test
    void aRefreshWithoutANewRefreshTokenKeepsTheOldOne() throws Exception {
        String refresh = "RT-" + UUID.randomUUID();
        long subchannelId = authorizedMailbox("AT-" + UUID.randomUUID(), refresh, 10);
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"access_token\":\"AT-short\",\"expires_in\":120}")));

        assertEquals("AT-short", tokens.accessToken(subchannelId));
        // 120 s is inside the margin again, so the next caller refreshes with the same refresh token
        assertEquals("AT-short", tokens.accessToken(subchannelId));
        List<LoggedRequest> refreshes = refreshRequests();
        assertEquals(2, refreshes.size());
        assertEquals(List.of(refresh), URLUtils.parseParameters(refreshes.get(1).getBodyAsString()).get("refresh_token"));
    }

    @Test
    void aTokenEndpointThatIsDownIsA503() throws Exception {
        long subchannelId = authorizedMailbox("AT-" + UUID.randomUUID(), "RT-" + UUID.randomUUID(), 10);
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(500).withBody("upstream exploded")));

        ApiException e = assertThrows(ApiException.class, () -> tokens.accessToken(subchannelId));

        assertEquals(503, e.status());
        assertEquals("mailbox_oauth_unavailable", e.code());
        assertEquals(30, e.retryAfterSeconds());
    }

    @Test
    void aRefusedRefreshTokenAsksForANewAuthorization() throws Exception {
        String oldAccess = "AT-" + UUID.randomUUID();
        long subchannelId = authorizedMailbox(oldAccess, "RT-" + UUID.randomUUID(), 10);
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS700082: expired\"}")));

        ApiException e = assertThrows(ApiException.class, () -> tokens.accessToken(subchannelId));

        assertEquals(409, e.status());
        assertEquals("mailbox_reauthorization_needed", e.code());
        assertFalse(e.getMessage().contains(oldAccess));
    }

    @Test
    void aMailboxNeverAuthorizedHasNoToken() {
        long subchannelId = MailboxOAuthFlowTest.emailSubchannel();

        ApiException e = assertThrows(ApiException.class, () -> tokens.accessToken(subchannelId));

        assertEquals(404, e.status());
        assertEquals("mailbox_not_authorized", e.code());
    }
}
