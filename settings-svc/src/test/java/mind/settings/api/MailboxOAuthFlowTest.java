package mind.settings.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.support.MailboxOAuthProfile;
import mind.settings.support.MicrosoftStub;
import mind.settings.support.MicrosoftStub.InjectMicrosoft;

/**
 * The Microsoft mailbox authorization end to end: the redirect to Microsoft, the callback through HTTP,
 * a WireMock token endpoint, the tokens in the database.
 */
@QuarkusTest
@TestProfile(MailboxOAuthProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(MicrosoftStub.class)
class MailboxOAuthFlowTest {

    static final String AUTHORIZE = "/api/mind/settings/mailbox/microsoft/authorization";
    static final String CALLBACK = "/api/mind/settings/mailbox/microsoft/callback";

    @InjectMicrosoft
    WireMockServer microsoft;

    @Inject
    EntityManager em;

    @BeforeEach
    void reset() {
        microsoft.resetAll();
    }

    @AfterEach
    void clockBack() {
        MailboxOAuthProfile.CLOCK.shift(Duration.ZERO);
    }

    static long emailSubchannel() {
        return ((Number) given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"name\":\"mailbox-" + UUID.randomUUID() + "\"}")
                .post("/api/mind/settings/subchannel").then().statusCode(200).extract().path("id")).longValue();
    }

    /** Starts an authorization as an admin and reads the redirect to Microsoft. */
    static AuthorizationRequest startAuthorization(long subchannelId) throws Exception {
        String location = given().header("Authorization", TestTokens.admin()).redirects().follow(false)
                .queryParam("subchannelId", subchannelId)
                .get(AUTHORIZE).then().statusCode(302).header("Cache-Control", "no-store")
                .extract().header("Location");
        return AuthorizationRequest.parse(URI.create(location));
    }

    static Response callback(Map<String, String> query) {
        return given().redirects().follow(false).queryParams(query).get(CALLBACK);
    }

    /** The query of the redirect to the frontend, after checking it goes there. */
    static Map<String, List<String>> frontendQuery(Response response) {
        response.then().statusCode(302);
        URI location = URI.create(response.header("Location"));
        assertTrue(location.toString().startsWith(MailboxOAuthProfile.FRONTEND + "?"), location.toString());
        return URLUtils.parseParameters(location.getRawQuery());
    }

    void tokenEndpointGrants(String accessToken, String refreshToken, int expiresIn) {
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"access_token\":\"" + accessToken + "\",\"refresh_token\":\""
                        + refreshToken + "\",\"expires_in\":" + expiresIn + ",\"scope\":\"" + MailboxOAuthProfile.SCOPES + "\"}")));
    }

    List<LoggedRequest> tokenRequests(String grantType) {
        return microsoft.findAll(postRequestedFor(urlPathEqualTo(MicrosoftStub.TOKEN_PATH))
                .withRequestBody(containing("grant_type=" + grantType)));
    }

    Object[] storedTokens(long subchannelId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select access_token, refresh_token from mailbox_oauth where subchannel_id = ?1")
                .setParameter(1, subchannelId).getSingleResult());
    }

    @Test
    void theRedirectToMicrosoftCarriesClientRedirectScopeStateAndAnS256Challenge() throws Exception {
        AuthorizationRequest request = startAuthorization(emailSubchannel());
        assertEquals(MailboxOAuthProfile.AUTHORIZE_URL, request.getEndpointURI().toString());
        assertEquals(MailboxOAuthProfile.CLIENT_ID, request.getClientID().getValue());
        assertEquals("code", request.getResponseType().toString());
        assertEquals(MailboxOAuthProfile.REDIRECT_URI, request.getRedirectionURI().toString());
        assertEquals(MailboxOAuthProfile.SCOPES, request.getScope().toString());
        assertEquals(CodeChallengeMethod.S256, request.getCodeChallengeMethod());
        assertNotNull(request.getCodeChallenge());
        assertNotNull(request.getState());
        // the client secret is for the token endpoint only
        assertFalse(request.toURI().toString().contains(MailboxOAuthProfile.CLIENT_SECRET));
    }

    @Test
    void aGoodCodeIsExchangedWithTheVerifierAndTheTokensAreStoredSealed() throws Exception {
        long subchannelId = emailSubchannel();
        AuthorizationRequest authorization = startAuthorization(subchannelId);
        String accessToken = "AT-" + UUID.randomUUID();
        String refreshToken = "RT-" + UUID.randomUUID();
        tokenEndpointGrants(accessToken, refreshToken, 3600);

        Response response = callback(Map.of("code", "the-code", "state", authorization.getState().getValue()));

        Map<String, List<String>> query = frontendQuery(response);
        assertEquals(List.of("success"), query.get("mailboxAuth"));
        assertEquals(List.of(Long.toString(subchannelId)), query.get("subchannelId"));
        assertEquals("no-referrer", response.header("Referrer-Policy"));

        List<LoggedRequest> requests = tokenRequests("authorization_code");
        assertEquals(1, requests.size());
        Map<String, List<String>> form = URLUtils.parseParameters(requests.get(0).getBodyAsString());
        assertEquals(List.of("the-code"), form.get("code"));
        assertEquals(List.of(MailboxOAuthProfile.REDIRECT_URI), form.get("redirect_uri"));
        assertEquals(List.of(MailboxOAuthProfile.CLIENT_ID), form.get("client_id"));
        assertEquals(List.of(MailboxOAuthProfile.CLIENT_SECRET), form.get("client_secret"));
        String verifier = form.get("code_verifier").get(0);
        assertEquals(authorization.getCodeChallenge(), CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)),
                "the verifier sent to the token endpoint matches the challenge sent to the authorize endpoint");

        Object[] stored = storedTokens(subchannelId);
        for (Object column : stored) {
            String value = (String) column;
            assertTrue(value.startsWith("sealed:v1:"), "stored sealed");
            assertFalse(value.contains(accessToken) || value.contains(refreshToken), "no plain token in the column");
        }
        String sealedVerifier = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select code_verifier from mailbox_oauth_state where subchannel_id = ?1").setParameter(1, subchannelId)
                .getSingleResult());
        assertTrue(sealedVerifier.startsWith("sealed:v1:") && !sealedVerifier.contains(verifier), "the verifier is sealed too");

        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", subchannelId)
                .get("/api/mind/settings/mailbox/microsoft/status").then().statusCode(200)
                .body("authorized", is(true))
                .body("hasRefreshToken", is(true))
                .body("scope", equalTo(MailboxOAuthProfile.SCOPES))
                .body(not(org.hamcrest.Matchers.containsString(accessToken)))
                .body(not(org.hamcrest.Matchers.containsString(refreshToken)));
    }

    @Test
    void aStateWorksOnce() throws Exception {
        long subchannelId = emailSubchannel();
        String state = startAuthorization(subchannelId).getState().getValue();
        tokenEndpointGrants("AT-" + UUID.randomUUID(), "RT-" + UUID.randomUUID(), 3600);
        assertEquals(List.of("success"), frontendQuery(callback(Map.of("code", "first", "state", state))).get("mailboxAuth"));

        Map<String, List<String>> again = frontendQuery(callback(Map.of("code", "second", "state", state)));

        assertEquals(List.of("error"), again.get("mailboxAuth"));
        assertEquals(List.of("state_used"), again.get("reason"));
        assertEquals(1, tokenRequests("authorization_code").size(), "the second code was never exchanged");
    }

    @Test
    void aStateUsedByParallelCallbacksIsExchangedOnce() throws Exception {
        String state = startAuthorization(emailSubchannel()).getState().getValue();
        tokenEndpointGrants("AT-" + UUID.randomUUID(), "RT-" + UUID.randomUUID(), 3600);

        List<String> outcomes = mind.common.testing.Concurrently.run(6,
                () -> frontendQuery(callback(Map.of("code", "c", "state", state))).get("mailboxAuth").get(0));

        assertEquals(1, outcomes.stream().filter("success"::equals).count(), outcomes.toString());
        assertEquals(1, tokenRequests("authorization_code").size());
    }

    @Test
    void aForgedOrChangedOrMissingStateIsRefused() throws Exception {
        String real = startAuthorization(emailSubchannel()).getState().getValue();
        String changed = real.substring(0, real.length() - 2) + (real.endsWith("A") ? "BB" : "AA");
        for (String forged : List.of(changed, "made-up-state", new com.nimbusds.oauth2.sdk.id.State().getValue())) {
            Map<String, List<String>> query = frontendQuery(callback(Map.of("code", "c", "state", forged)));
            assertEquals(List.of("error"), query.get("mailboxAuth"));
            assertEquals(List.of("invalid_state"), query.get("reason"), forged);
        }
        assertEquals(List.of("invalid_state"), frontendQuery(callback(Map.of("code", "c"))).get("reason"));
        assertEquals(0, tokenRequests("authorization_code").size());
    }

    @Test
    void anExpiredStateIsRefused() throws Exception {
        long subchannelId = emailSubchannel();
        MailboxOAuthProfile.CLOCK.shift(Duration.ofMinutes(-11)); // the state TTL is 10 minutes
        String state = startAuthorization(subchannelId).getState().getValue();
        MailboxOAuthProfile.CLOCK.shift(Duration.ZERO);

        Map<String, List<String>> query = frontendQuery(callback(Map.of("code", "c", "state", state)));

        assertEquals(List.of("state_expired"), query.get("reason"));
        assertEquals(0, tokenRequests("authorization_code").size());
    }

    @Test
    void aStateStillInItsTtlWorks() throws Exception {
        long subchannelId = emailSubchannel();
        MailboxOAuthProfile.CLOCK.shift(Duration.ofMinutes(-9));
        String state = startAuthorization(subchannelId).getState().getValue();
        MailboxOAuthProfile.CLOCK.shift(Duration.ZERO);
        tokenEndpointGrants("AT-" + UUID.randomUUID(), "RT-" + UUID.randomUUID(), 3600);

        assertEquals(List.of("success"), frontendQuery(callback(Map.of("code", "c", "state", state))).get("mailboxAuth"));
    }

    @Test
    void aCodeTheTokenEndpointRefusesEndsInAnErrorRedirectWithoutMicrosoftsText() throws Exception {
        long subchannelId = emailSubchannel();
        String state = startAuthorization(subchannelId).getState().getValue();
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: The code has expired <b>x</b>\"}")));

        Response response = callback(Map.of("code", "stale-code", "state", state));

        Map<String, List<String>> query = frontendQuery(response);
        assertEquals(List.of("error"), query.get("mailboxAuth"));
        assertEquals(List.of("token_refused"), query.get("reason"));
        assertEquals(List.of("invalid_grant"), query.get("error"));
        assertFalse(response.header("Location").contains("AADSTS"));
        assertFalse(response.header("Location").contains("stale-code"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from mailbox_oauth where subchannel_id = ?1").setParameter(1, subchannelId)
                .getSingleResult()).longValue()));
    }

    @Test
    void aTokenEndpointThatIsDownOrFailingEndsInAnErrorRedirect() throws Exception {
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String state = startAuthorization(emailSubchannel()).getState().getValue();
        assertEquals(List.of("mailbox_oauth_unavailable"), frontendQuery(callback(Map.of("code", "c", "state", state))).get("reason"));

        microsoft.resetAll();
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).willReturn(aResponse().withStatus(503)
                .withBody("<html>Service Unavailable</html>")));
        state = startAuthorization(emailSubchannel()).getState().getValue();
        assertEquals(List.of("mailbox_oauth_unavailable"), frontendQuery(callback(Map.of("code", "c", "state", state))).get("reason"));

        microsoft.resetAll();
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).willReturn(aResponse().withFixedDelay(8000)
                .withStatus(200).withBody("{}")));
        state = startAuthorization(emailSubchannel()).getState().getValue();
        assertEquals(List.of("mailbox_oauth_unavailable"), frontendQuery(callback(Map.of("code", "c", "state", state))).get("reason"),
                "slower than the read timeout (5 s here)");
    }

    @Test
    void anErrorFromMicrosoftEndsInAnErrorRedirectNamingOnlyItsCode() throws Exception {
        String state = startAuthorization(emailSubchannel()).getState().getValue();

        Response response = callback(Map.of("error", "access_denied", "error_description", "<script>alert(1)</script> declined",
                "state", state));

        Map<String, List<String>> query = frontendQuery(response);
        assertEquals(List.of("microsoft_error"), query.get("reason"));
        assertEquals(List.of("access_denied"), query.get("error"));
        assertFalse(response.header("Location").contains("script"));
        // the state is spent all the same
        assertEquals(List.of("state_used"), frontendQuery(callback(Map.of("code", "c", "state", state))).get("reason"));

        String other = startAuthorization(emailSubchannel()).getState().getValue();
        assertEquals(List.of("unknown_error"), frontendQuery(callback(Map.of("error", "<img src=x>", "state", other))).get("error"),
                "an error that is not an OAuth code is not repeated");
        assertEquals(0, tokenRequests("authorization_code").size());
    }

    @Test
    void onlyAnAdminStartsAnAuthorizationForAnExistingEmailSubchannel() {
        long email = emailSubchannel();
        given().header("Authorization", TestTokens.agent(2)).queryParam("subchannelId", email).redirects().follow(false)
                .get(AUTHORIZE).then().statusCode(403);
        given().header("Authorization", TestTokens.agent(2)).redirects().follow(false).get(AUTHORIZE).then().statusCode(403);
        given().redirects().follow(false).get(AUTHORIZE).then().statusCode(401);
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", 987654321).get(AUTHORIZE)
                .then().statusCode(404).body("details[0].field", equalTo("subchannelId"));
        long phone = ((Number) given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"channel\":\"phone\",\"name\":\"line\"}").post("/api/mind/settings/subchannel")
                .then().statusCode(200).extract().path("id")).longValue();
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", phone).get(AUTHORIZE)
                .then().statusCode(400).body("details[0].field", equalTo("subchannelId"));
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", "ten").get(AUTHORIZE)
                .then().statusCode(400).body("details[0].field", equalTo("subchannelId"));
    }

    @Test
    void theStatusOfAMailboxNeverAuthorizedSaysSo() {
        long subchannelId = emailSubchannel();
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", subchannelId)
                .get("/api/mind/settings/mailbox/microsoft/status").then().statusCode(200)
                .body("authorized", is(false)).body("accessTokenExpiresAt", nullValue());
        given().header("Authorization", TestTokens.agent(2)).queryParam("subchannelId", subchannelId)
                .get("/api/mind/settings/mailbox/microsoft/status").then().statusCode(403);
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", 987654321)
                .get("/api/mind/settings/mailbox/microsoft/status").then().statusCode(404);
    }

    // --- a bare call: a new mailbox ---------------------------------------------------------------------

    static AuthorizationRequest startNewMailbox(Map<String, String> query) throws Exception {
        String location = given().header("Authorization", TestTokens.admin()).redirects().follow(false)
                .queryParams(query).get(AUTHORIZE).then().statusCode(302).header("Cache-Control", "no-store")
                .extract().header("Location");
        return AuthorizationRequest.parse(URI.create(location));
    }

    long subchannelsNamed(String name) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from subchannel where name = ?1").setParameter(1, name).getSingleResult()).longValue());
    }

    @Test
    void aBareCallAuthorizesANewMailboxWhoseSubchannelTheCallbackCreates() throws Exception {
        String name = "Sales mailbox " + UUID.randomUUID();
        AuthorizationRequest authorization = startNewMailbox(Map.of("name", name));
        assertEquals(MailboxOAuthProfile.CLIENT_ID, authorization.getClientID().getValue());
        assertEquals(CodeChallengeMethod.S256, authorization.getCodeChallengeMethod());
        assertFalse(authorization.toURI().toString().contains(MailboxOAuthProfile.CLIENT_SECRET));
        assertFalse(authorization.toURI().toString().contains("Sales"), "the name stays on the server");
        assertEquals(0, subchannelsNamed(name), "nothing is created before Microsoft grants tokens");
        String accessToken = "AT-" + UUID.randomUUID();
        String refreshToken = "RT-" + UUID.randomUUID();
        tokenEndpointGrants(accessToken, refreshToken, 3600);

        Response response = callback(Map.of("code", "new-mailbox-code", "state", authorization.getState().getValue()));

        Map<String, List<String>> query = frontendQuery(response);
        assertEquals(List.of("success"), query.get("mailboxAuth"));
        long created = Long.parseLong(query.get("subchannelId").get(0));
        assertFalse(response.header("Location").contains(accessToken) || response.header("Location").contains("new-mailbox-code"));
        given().header("Authorization", TestTokens.admin()).get("/api/mind/settings/subchannel/" + created).then().statusCode(200)
                .body("subchannel.channel", equalTo("email"))
                .body("subchannel.name", equalTo(name))
                .body("subchannel.isDefault", is(false))
                .body("subchannel.enabled", is(true))
                .body("subchannel.data.provider", equalTo("microsoft365"));
        for (Object column : storedTokens(created)) {
            assertTrue(((String) column).startsWith("sealed:v1:"), "stored sealed");
            assertFalse(((String) column).contains(accessToken) || ((String) column).contains(refreshToken));
        }
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", created)
                .get("/api/mind/settings/mailbox/microsoft/status").then().statusCode(200)
                .body("authorized", is(true))
                .body(not(org.hamcrest.Matchers.containsString(accessToken)));
        // the state is spent: a second callback creates no second subchannel
        assertEquals(List.of("state_used"), frontendQuery(callback(Map.of("code", "again",
                "state", authorization.getState().getValue()))).get("reason"));
        assertEquals(1, subchannelsNamed(name));
    }

    @Test
    void aBareCallWithoutANameUsesTheDefaultName() throws Exception {
        AuthorizationRequest authorization = startNewMailbox(Map.of());
        tokenEndpointGrants("AT-" + UUID.randomUUID(), "RT-" + UUID.randomUUID(), 3600);
        long created = Long.parseLong(frontendQuery(callback(Map.of("code", "c", "state", authorization.getState().getValue())))
                .get("subchannelId").get(0));
        given().header("Authorization", TestTokens.admin()).get("/api/mind/settings/subchannel/" + created).then().statusCode(200)
                .body("subchannel.name", equalTo("Microsoft 365 mailbox"));
    }

    @Test
    void aNewMailboxMicrosoftRefusesOrThatIsAbandonedCreatesNothing() throws Exception {
        String refused = "Refused mailbox " + UUID.randomUUID();
        String state = startNewMailbox(Map.of("name", refused)).getState().getValue();
        assertEquals(List.of("microsoft_error"), frontendQuery(callback(Map.of("error", "access_denied", "state", state)))
                .get("reason"));
        String rejected = "Rejected code " + UUID.randomUUID();
        state = startNewMailbox(Map.of("name", rejected)).getState().getValue();
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));
        assertEquals(List.of("token_refused"), frontendQuery(callback(Map.of("code", "c", "state", state))).get("reason"));
        String abandoned = "Abandoned mailbox " + UUID.randomUUID();
        startNewMailbox(Map.of("name", abandoned));
        assertEquals(0, subchannelsNamed(refused) + subchannelsNamed(rejected) + subchannelsNamed(abandoned));
    }

    @Test
    void aBadNameIs400NamingItAndStartsNothing() {
        long before = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from mailbox_oauth_state").getSingleResult()).longValue());
        for (String bad : List.of(" ", "x".repeat(256), "line\nbreak")) {
            given().header("Authorization", TestTokens.admin()).queryParam("name", bad).redirects().follow(false)
                    .get(AUTHORIZE).then().statusCode(400).body("details[0].field", equalTo("name"));
        }
        given().header("Authorization", TestTokens.admin()).queryParam("name", "Sales").queryParam("subchannelId", emailSubchannel())
                .redirects().follow(false).get(AUTHORIZE).then().statusCode(400).body("details[0].field", equalTo("name"));
        assertEquals(before, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from mailbox_oauth_state").getSingleResult()).longValue()));
    }
}
