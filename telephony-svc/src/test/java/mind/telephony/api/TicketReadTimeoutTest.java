package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.TicketServiceStub.InjectTicketService;

/**
 * The REST client's own read timeout (shorter here than the fault-tolerance timeout) ends a call
 * that is not retried either: ticket-svc may still be working on it.
 */
@QuarkusTest
@TestProfile(TicketReadTimeoutTest.ShortReadTimeout.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class TicketReadTimeoutTest {

    public static class ShortReadTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String timeout = "quarkus.fault-tolerance.\"mind.telephony.client.TicketGateway/create\".timeout.value";
            return Map.of(timeout, "9000", "%test." + timeout, "9000",
                    "quarkus.rest-client.ticket.read-timeout", "2500", "%test.quarkus.rest-client.ticket.read-timeout", "2500");
        }
    }

    @InjectTicketService
    WireMockServer ticketSvc;

    @Test
    void aReadTimeoutIsNotRetried() {
        ticketSvc.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket"))
                .willReturn(okJson(TelephonyResourceTest.ticket(1200, null, null)).withFixedDelay(5000)));

        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"channelId\":\"read_" + UUID.randomUUID() + "\"}").post(TelephonyResourceTest.PATH)
                .then().statusCode(200).body("ticketId", org.hamcrest.Matchers.nullValue());
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
    }
}
