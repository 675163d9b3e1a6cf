package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.PhoneProviderStub.InjectPhoneProvider;
import mind.telephony.repository.QueueEntryRepository;

/**
 * outboundCall (the telephony frontend's call button) and testOutboundCall against a phone provider: the number in
 * E.164, subchannelId and, for outboundCall, isPhoneNumberHidden reach the provider, whose answer comes back as
 * {success, response}; outboundCall also answers the call's channelId and ticketId at the top level when known (what
 * enneo's outbound demo reads). Without a provider both are 501 (CallLifecycleTest).
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(PhoneProviderStub.class)
class OutboundCallTest {

    static final String OUTBOUND = CallStubs.BASE + "outboundCall";
    static final String TEST_CALL = CallStubs.BASE + "testOutboundCall";

    @InjectPhoneProvider
    WireMockServer provider;

    @Inject
    QueueEntryRepository queue;

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
                .body("response.state", is("dialing"))
                // the provider's call id is the channelId the call is reported with; not reported yet: no ticket
                .body("channelId", is("out-1"))
                .body("ticketId", nullValue());
        JsonPath sent = JsonPath.from(only(PhoneProviderStub.OUTBOUND_CALL).getBodyAsString());
        assertEquals("+4930901820", sent.getString("phoneNumber"));
        assertEquals(5, sent.getInt("subchannelId"));
        assertEquals(true, sent.getBoolean("isPhoneNumberHidden"));
        provider.verify(0, postRequestedFor(urlPathEqualTo(PhoneProviderStub.TEST_CALL)));
    }

    /** The phone system reported the call before the provider answered: its ticket is known and answered too. */
    @Test
    void theTicketOfACallAlreadyReportedIsAnsweredAtTheTopLevel() {
        String channelId = "call_" + UUID.randomUUID();
        long ticketId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        QuarkusTransaction.requiringNew().run(() -> queue.getEntityManager().createNativeQuery("""
                insert into queue_entry (channel_id, ticket_id, status, channel, routing, direction, created_at, updated_at)
                values (?1, ?2, 'unknown', 'phone', 'none', 'out', now(), now())""")
                .setParameter(1, channelId).setParameter(2, ticketId).executeUpdate());
        provider.stubFor(post(urlPathEqualTo(PhoneProviderStub.OUTBOUND_CALL))
                .willReturn(okJson("{\"channelId\":\"" + channelId + "\",\"callId\":\"other\"}")));
        as(TestTokens.agent(42)).body("{\"phoneNumber\":\"+4930901820\"}").post(OUTBOUND).then().statusCode(200)
                .body("success", is(true))
                .body("ticketId", is((int) ticketId))
                .body("channelId", is(channelId))
                .body("response.channelId", is(channelId))
                .body("response.callId", is("other"));
    }

    /** An answer that names no call: both null, the answer still passed on as it came. */
    @Test
    void anAnswerWithoutTheCallsIdAnswersNullsAtTheTopLevel() {
        provider.stubFor(post(urlPathEqualTo(PhoneProviderStub.OUTBOUND_CALL)).willReturn(okJson("{\"state\":\"queued\"}")));
        as(TestTokens.agent(42)).body("{\"phoneNumber\":\"+4930901820\"}").post(OUTBOUND).then().statusCode(200)
                .body("success", is(true))
                .body("ticketId", nullValue())
                .body("channelId", nullValue())
                .body("$", hasKey("ticketId"))
                .body("$", hasKey("channelId"))
                .body("response.state", is("queued"));
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
