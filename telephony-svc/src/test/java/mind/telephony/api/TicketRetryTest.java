package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.service.ClaimTiming;

/**
 * Which failures of ticket-svc are retried: those that say "not now" (an error status, a dropped
 * connection), never a call that timed out, which ticket-svc may still be working on.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class TicketRetryTest {

    static final String TICKET_PATH = "/api/mind/ticket";

    @InjectTicketService
    WireMockServer ticketSvc;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    ClaimTiming timing;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
        circuitBreakers.resetAll();
    }

    private static io.restassured.response.Response call(String channelId) {
        return given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"channelId\":\"" + channelId + "\"}").post(TelephonyResourceTest.PATH);
    }

    @Test
    void aSlowTicketSvcIsCalledOnceNotRetried() {
        // slower than the 2.5 s timeout of the test configuration
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH))
                .willReturn(okJson(TelephonyResourceTest.ticket(1100, null, null)).withFixedDelay(5000)));

        // not answered in time: the call is kept, its ticket follows through the outbox
        call("retry_" + UUID.randomUUID()).then().statusCode(200)
                .body("ticketId", org.hamcrest.Matchers.nullValue());
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void a503IsRetriedAndTheRetryMakesTheTicket() {
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).inScenario("busy").whenScenarioStateIs("recovered")
                .willReturn(okJson(TelephonyResourceTest.ticket(1101, null, null))));

        call("retry_" + UUID.randomUUID()).then().statusCode(200).body("ticketId", is(1101));
        ticketSvc.verify(2, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void aDroppedConnectionIsRetried() {
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("back"));
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).inScenario("reset").whenScenarioStateIs("back")
                .willReturn(okJson(TelephonyResourceTest.ticket(1102, null, null))));

        call("retry_" + UUID.randomUUID()).then().statusCode(200).body("ticketId", is(1102));
        ticketSvc.verify(2, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void aRejectionIsNotRetried() {
        ticketSvc.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"subject too long\",\"code\":\"validation_failed\",\"details\":[]}")));

        call("retry_" + UUID.randomUUID()).then().statusCode(400)
                .body("code", equalTo("ticket_rejected"))
                .body("error", containsString("subject too long"));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(TICKET_PATH)));
    }

    @Test
    void claimStalenessIsDerivedFromTheEffectiveTicketClientSettings() {
        // test configuration: 3 attempts of 2.5 s, 2 pauses of 20 ms (no jitter), plus the 1 s margin
        assertEquals(Duration.ofMillis(3 * 2500 + 2 * 20 + 1000), timing.staleAfter());
    }
}
