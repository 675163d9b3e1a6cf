package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.PhoneProviderStub.InjectPhoneProvider;

/**
 * outboundCall (the telephony frontend's call button) and testOutboundCall against a phone provider: the number in
 * E.164, subchannelId and, for outboundCall, isPhoneNumberHidden reach the provider, whose answer comes back as
 * {success, response}. Without a provider both are 501 (CallLifecycleTest).
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(PhoneProviderStub.class)
class OutboundCallTest {

    static final String OUTBOUND = CallStubs.BASE + "outboundCall";
    static final String TEST_CALL = CallStubs.BASE + "testOutboundCall";

    @InjectPhoneProvider
    WireMockServer provider;

    @BeforeEach
    void reset() {
        provider.resetAll();
        provider.stubFor(post(urlPathEqualTo(PhoneProviderStub.OUTBOUND_CALL))
                .willReturn(okJson("{\"callId\":\"out-1\",\"state\":\"dialing\"}")));
        provider.stubFor(post(urlPathEqualTo(PhoneProviderStub.TEST_CALL)).willReturn(okJson("{\"callId\":\"test-1\"}")));
    }

    @Test
    void anAgentsOutboundCallReachesTheProviderWithIsPhoneNumberHidden() {
        as(TestTokens.agent(42)).body("{\"phoneNumber\":\"+4930901820\",\"subchannelId\":5,\"isPhoneNumberHidden\":true}")
                .post(OUTBOUND).then().statusCode(200)
                .body("success", is(true))
                .body("response.callId", is("out-1"))
                .body("response.state", is("dialing"));
        JsonPath sent = JsonPath.from(only(PhoneProviderStub.OUTBOUND_CALL).getBodyAsString());
        assertEquals("+4930901820", sent.getString("phoneNumber"));
        assertEquals(5, sent.getInt("subchannelId"));
        assertEquals(true, sent.getBoolean("isPhoneNumberHidden"));
        provider.verify(0, postRequestedFor(urlPathEqualTo(PhoneProviderStub.TEST_CALL)));
    }

    @Test
    void isPhoneNumberHiddenDefaultsToFalse() {
        as(TestTokens.admin()).body("{\"phoneNumber\":\"+49 30 901820\"}").post(OUTBOUND).then().statusCode(200)
                .body("response.callId", is("out-1"));
        JsonPath sent = JsonPath.from(only(PhoneProviderStub.OUTBOUND_CALL).getBodyAsString());
        assertEquals("+4930901820", sent.getString("phoneNumber"), "sent in E.164");
        assertEquals(false, sent.getBoolean("isPhoneNumberHidden"));
        assertFalse(sent.getMap("").containsKey("subchannelId"), "no subchannelId given, none sent");
    }

    @Test
    void outboundCallIsValidatedAsTestOutboundCallIsAndReachesNoProviderThen() {
        as(TestTokens.agent(42)).body("{\"phoneNumber\":\"0301234\"}").post(OUTBOUND).then().statusCode(400)
                .body("code", is("validation_failed")).body("details[0].field", is("phoneNumber"));
        as(TestTokens.agent(42)).body("{\"subchannelId\":5}").post(OUTBOUND).then().statusCode(400)
                .body("details[0].field", is("phoneNumber"));
        as(TestTokens.agent(42)).body("{\"phoneNumber\":\"+4930901820\",\"subchannelId\":-1}").post(OUTBOUND).then()
                .statusCode(400).body("details[0].field", is("subchannelId"));
        as(TestTokens.agent(42)).body("{\"phoneNumber\":\"+4930901820\",\"isPhoneNumberHidden\":\"maybe\"}").post(OUTBOUND)
                .then().statusCode(400).body("details[0].field", is("isPhoneNumberHidden"));
        provider.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void outboundCallIsForAgentsAndAdmins() {
        as(TestTokens.serviceWorker()).body("{\"phoneNumber\":\"+4930901820\"}").post(OUTBOUND).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"phoneNumber\":\"+4930901820\"}").post(OUTBOUND).then().statusCode(401);
        provider.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aFailingProviderIs503() {
        provider.stubFor(post(urlPathEqualTo(PhoneProviderStub.OUTBOUND_CALL)).willReturn(aResponse().withStatus(500)));
        as(TestTokens.agent(42)).body("{\"phoneNumber\":\"+4930901820\"}").post(OUTBOUND).then().statusCode(503)
                .body("success", is(false)).body("code", is("dependency_unavailable"));
    }

    @Test
    void testOutboundCallGoesToTheTestCallEndpointWithoutIsPhoneNumberHidden() {
        as(TestTokens.admin()).body("{\"phoneNumber\":\"+4930901820\",\"subchannelId\":5}").post(TEST_CALL).then()
                .statusCode(200).body("success", is(true)).body("response.callId", is("test-1"));
        JsonPath sent = JsonPath.from(only(PhoneProviderStub.TEST_CALL).getBodyAsString());
        assertEquals("+4930901820", sent.getString("phoneNumber"));
        assertEquals(5, sent.getInt("subchannelId"));
        assertFalse(sent.getMap("").containsKey("isPhoneNumberHidden"));
        provider.verify(0, postRequestedFor(urlPathEqualTo(PhoneProviderStub.OUTBOUND_CALL)));
    }

    private LoggedRequest only(String path) {
        List<LoggedRequest> sent = provider.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertEquals(1, sent.size());
        return sent.get(0);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }
}
