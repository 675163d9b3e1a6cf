package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.domain.QueueEntry;
import mind.telephony.outbox.OutboxDelivery;
import mind.telephony.repository.QueueEntryRepository;

/**
 * No lost calls: ticket-svc is down for a burst of 100 callReceived (each answered with success and
 * ticketId null), then up: the outbox makes exactly 100 tickets, each once, with its transcript, and
 * links every queue entry to its ticket; the callReceived activity follows each ticket.
 */
@QuarkusTest
@TestProfile(OutboxBurstTest.ProductionPool.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class OutboxBurstTest {

    static final int CALLS = 100;

    /**
     * The production pool (10) and a patient acquisition: the other tests shrink the pool to 5 to prove
     * that waiting for ticket-svc holds no connection; here 100 calls arrive at once on a shared build machine.
     */
    public static class ProductionPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "10", "%test.quarkus.datasource.jdbc.max-size", "10",
                    "quarkus.datasource.jdbc.acquisition-timeout", "30s");
        }
    }

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    OutboxDelivery outbox;

    @Inject
    QueueEntryRepository queue;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Test
    void aBurstWhileTicketSvcIsDownBecomesOneTicketPerCallOnceItIsUp() throws Exception {
        ticketSvc.resetAll();
        circuitBreakers.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket")).willReturn(aResponse().withStatus(503)));
        given().contentType(ContentType.JSON).body("{}").post(TelephonyResourceTest.PATH).then().statusCode(401);
        String prefix = "burst_" + UUID.randomUUID() + "_";
        AtomicInteger next = new AtomicInteger();

        List<Response> answers = Concurrently.run(CALLS, () -> {
            int n = next.getAndIncrement();
            return given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                    .body("""
                            {"channelId":"%s%d","phone":"+4930%07d","callerName":"Caller %d",
                             "transcript":[{"speaker":"customer","message":"transcript of call %d","timestamp":"2024-01-23T14:32:11Z"}]}"""
                            .formatted(prefix, n, n, n, n))
                    .post(TelephonyResourceTest.PATH);
        });
        Set<Integer> queueIds = new HashSet<>();
        for (Response r : answers) {
            assertEquals(200, r.statusCode(), r.asString());
            assertNull(r.path("ticketId"), r.asString());
            queueIds.add(r.path("queueId"));
        }
        assertEquals(CALLS, queueIds.size());
        // a retried callReceived while the ticket is pending answers the same entry
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"channelId\":\"" + prefix + "0\"}").post(TelephonyResourceTest.PATH)
                .then().statusCode(200).body("ticketId", org.hamcrest.Matchers.nullValue());

        // ticket-svc is back: call n gets ticket 5,000,000 + n
        ticketSvc.resetAll();
        CallStubs.ticketSvc(ticketSvc, 1);
        for (int n = 0; n < CALLS; n++) {
            ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.channelId",
                            com.github.tomakehurst.wiremock.client.WireMock.equalTo(prefix + n)))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                            TelephonyResourceTest.ticket(5_000_000 + n, null, null))));
        }
        outbox.deliverDue();

        List<LoggedRequest> creates = ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
        Map<String, Long> perKey = creates.stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("Idempotency-Key"), Collectors.counting()));
        assertEquals(CALLS, perKey.size(), () -> "one ticket per call; outbox: " + QuarkusTransaction.requiringNew().call(
                () -> queue.getEntityManager().createNativeQuery("select kind, attempts, outcome, last_error, "
                        + "next_attempt_at > now(), done_at from outbox where kind = 'createTicket' limit 3").getResultList().stream()
                        .map(r -> java.util.Arrays.toString((Object[]) r)).toList()));
        assertTrue(perKey.values().stream().allMatch(c -> c == 1), "each made once: " + perKey);
        Map<String, JsonPath> drafts = creates.stream().map(r -> JsonPath.from(r.getBodyAsString()))
                .collect(Collectors.toMap(j -> j.getString("channelId"), Function.identity()));
        for (int n = 0; n < CALLS; n++) {
            JsonPath draft = drafts.get(prefix + n);
            assertTrue(draft.getString("body").contains("transcript of call " + n), draft.prettify());
            assertEquals("Caller " + n, draft.getString("fromName"));
            assertTrue(perKey.containsKey("telephony-call-" + prefix + n), "keyed by channelId: " + n);
        }
        List<QueueEntry> entries = QuarkusTransaction.requiringNew()
                .call(() -> queue.list("channelId like ?1", prefix + "%"));
        assertEquals(CALLS, entries.size());
        assertTrue(entries.stream().allMatch(e -> e.ticketId != null && e.ticketId >= 5_000_000), "every entry linked");
        assertEquals(CALLS, entries.stream().map(e -> e.ticketId).distinct().count());
        // the call's receipt travels with its ticket, whose creation waited in the outbox
        for (int n = 0; n < CALLS; n++) {
            assertEquals(List.of("callReceived"), drafts.get(prefix + n).getList("events.type"), "call " + n);
            assertEquals(prefix + n, drafts.get(prefix + n).getString("events[0].data.channelId"));
        }
        for (QueueEntry e : entries) {
            ticketSvc.verify(0, postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + e.ticketId + "/events")));
        }
        // delivering again sends nothing twice
        outbox.deliverDue();
        assertEquals(CALLS, ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket"))).size());
    }
}
