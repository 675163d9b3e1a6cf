package mind.settings.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import mind.common.testing.MindTestResource;
import mind.settings.support.MailboxOAuthJsonProfile;
import mind.settings.support.MicrosoftStub;
import mind.settings.support.MicrosoftStub.InjectMicrosoft;

/** Without mind.settings.microsoft.frontend-redirect the callback answers JSON: 200, or the error shape. */
@QuarkusTest
@TestProfile(MailboxOAuthJsonProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(MicrosoftStub.class)
class MailboxOAuthJsonCallbackTest {

    @InjectMicrosoft
    WireMockServer microsoft;

    @BeforeEach
    void reset() {
        microsoft.resetAll();
    }

    @Test
    void successIs200AndAReusedStateA400() throws Exception {
        long subchannelId = MailboxOAuthFlowTest.emailSubchannel();
        String state = MailboxOAuthFlowTest.startAuthorization(subchannelId).getState().getValue();
        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).willReturn(okJson(
                "{\"token_type\":\"Bearer\",\"access_token\":\"AT-json\",\"refresh_token\":\"RT-json\",\"expires_in\":3600}")));

        MailboxOAuthFlowTest.callback(Map.of("code", "c", "state", state)).then().statusCode(200)
                .body("success", is(true)).body("subchannelId", equalTo((int) subchannelId))
                .body(not(containsString("AT-json")));
        MailboxOAuthFlowTest.callback(Map.of("code", "c", "state", state)).then().statusCode(400)
                .body("success", is(false)).body("code", equalTo("state_used"));
        MailboxOAuthFlowTest.callback(Map.of("code", "c", "state", "forged")).then().statusCode(400)
                .body("code", equalTo("invalid_state"));
    }

    @Test
    void microsoftsErrorIsA400NamingItsCodeAndATokenEndpointDownA503() throws Exception {
        String state = MailboxOAuthFlowTest.startAuthorization(MailboxOAuthFlowTest.emailSubchannel()).getState().getValue();
        MailboxOAuthFlowTest.callback(Map.of("error", "consent_required", "error_description", "<b>need consent</b>",
                "state", state)).then().statusCode(400)
                .body("code", equalTo("microsoft_error"))
                .body("details[0].field", equalTo("error"))
                .body("details[0].message", equalTo("consent_required"))
                .body(not(containsString("<b>")));

        microsoft.stubFor(post(urlPathEqualTo(MicrosoftStub.TOKEN_PATH)).willReturn(aResponse().withStatus(502)));
        state = MailboxOAuthFlowTest.startAuthorization(MailboxOAuthFlowTest.emailSubchannel()).getState().getValue();
        MailboxOAuthFlowTest.callback(Map.of("code", "c", "state", state)).then().statusCode(503)
                .header("Retry-After", "30")
                .body("code", equalTo("mailbox_oauth_unavailable"));
    }
}
