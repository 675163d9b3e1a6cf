package mind.telephony.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.TicketServiceStub;
import mind.telephony.api.TicketServiceStub.InjectTicketService;

/**
 * With tracing switched on (as the environment does in a cluster), the call telephony-svc makes to
 * ticket-svc carries the W3C trace context of the request it serves: the caller's trace id when
 * the request brought one, a new trace otherwise.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@TestProfile(TracePropagationTest.TracingOn.class)
class TracePropagationTest {

    /** The SDK on; nothing sampled, so nothing is exported (no collector here), yet the context travels. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.traces.sampler", "parentbased_always_off");
        }
    }

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @InjectTicketService
    WireMockServer ticketSvc;

    @BeforeEach
    void ticketSvcCreatesTickets() {
        ticketSvc.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket")).willReturn(okJson(
                "{\"success\":true,\"id\":4711,\"channel\":\"phone\",\"status\":\"open\",\"contractId\":null,\"customerId\":null,\"tags\":[]}")));
    }

    private static io.restassured.specification.RequestSpecification call() {
        return given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"channelId\":\"trace_" + UUID.randomUUID() + "\"}");
    }

    private String traceparentSentToTicketSvc() {
        List<LoggedRequest> requests = ticketSvc.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
        assertEquals(1, requests.size(), "one call to ticket-svc");
        String traceparent = requests.get(0).getHeader("traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                "the REST client call carries a W3C traceparent: " + traceparent);
        return traceparent;
    }

    @Test
    void theCallersTraceContinuesIntoTicketSvc() {
        String incomingSpan = "00f067aa0ba902b7";
        call().header("traceparent", "00-" + TRACE_ID + "-" + incomingSpan + "-00")
                .post("/api/mind/telephony/callReceived").then().statusCode(200);
        String[] parts = traceparentSentToTicketSvc().split("-");
        assertEquals(TRACE_ID, parts[1], "same trace id as the incoming request");
        assertNotEquals(incomingSpan, parts[2], "a span of telephony-svc is the parent, not the caller's");
    }

    @Test
    void aRequestWithoutTraceStartsOne() {
        call().post("/api/mind/telephony/callReceived").then().statusCode(200);
        assertNotEquals(TRACE_ID, traceparentSentToTicketSvc().split("-")[1]);
    }
}
