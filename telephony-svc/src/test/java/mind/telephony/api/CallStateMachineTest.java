package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.MindTestResource;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.domain.QueueEntry;
import mind.telephony.outbox.OutboxDelivery;
import mind.telephony.repository.QueueEntryRepository;
import mind.telephony.service.AcdSettings;

/**
 * Every order of the three call events, with repeats: R = callReceived, C = agentConnected (agent 42),
 * D = callCompleted. Whatever the order, the call ends completed, connected to agent 42, with its
 * durations, one assignment of the ticket, one transcript and one activity event per transition.
 * C or D before R is a 404 (the call must be received first) and leaves nothing behind, so the phone
 * system's retry after R converges too.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class CallStateMachineTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    OutboxDelivery outbox;

    @Inject
    AcdSettings acd;

    @Inject
    QueueEntryRepository queue;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    long ticketId;
    String channelId;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        acd.forget();
        ticketId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        channelId = "call_" + UUID.randomUUID();
        CallStubs.ticketSvc(ticketSvc, ticketId);
        CallStubs.settingsSvc(settingsSvc, 600);
    }

    @ParameterizedTest
    @ValueSource(strings = { "RCD", "RDC", "CRCD", "DRDC", "CDRCD", "RCCD", "RCDC", "RDDC", "RDCD", "RCDD", "RRCD",
            "RCRD", "RDCRC", "CDRDC" })
    void everyOrderConverges(String order) {
        for (char event : order.toCharArray()) {
            boolean received = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).isPresent());
            switch (event) {
                case 'R' -> CallStubs.received(channelId, "").then().statusCode(200).body("ticketId", is((int) ticketId));
                case 'C' -> CallStubs.connected(42, channelId).then().statusCode(received ? 200 : 404);
                case 'D' -> CallStubs.completed(channelId).then().statusCode(received ? 200 : 404);
                default -> throw new IllegalArgumentException(order);
            }
        }
        outbox.deliverDue();

        QueueEntry entry = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow());
        assertEquals("completed", entry.status.name(), order);
        assertEquals(42L, entry.assignedUserId, order);
        assertNotNull(entry.connectedAt, order);
        assertEquals(225, entry.humanDurationSeconds, order);
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
        ticketSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId)));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/conversation/store")));
        List<String> types = CallStubs.activityTypes(ticketSvc, channelId, ticketId).stream().sorted().toList();
        assertEquals(List.of("callCompleted", "callConnected", "callReceived"), types, order);
    }

    @Test
    void anotherAgentForAConnectedCallIs409NamingTheState() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.connected(42, channelId).then().statusCode(200);
        CallStubs.connected(43, channelId).then().statusCode(409).body("code", is("invalid_call_state"))
                .body("error", allOf(containsString("assigned"), containsString("42")));
        CallStubs.completed(channelId).then().statusCode(200);
        CallStubs.connected(43, channelId).then().statusCode(409).body("error", containsString("completed"));
        CallStubs.connected(42, channelId).then().statusCode(200);
    }

    @Test
    void anAgentAfterCompletionWithoutAgentIsRecordedWithoutMakingThemBusy() {
        CallStubs.received(channelId, "").then().statusCode(200);
        CallStubs.completed(channelId).then().statusCode(200);
        CallStubs.connected(42, channelId).then().statusCode(200);
        outbox.deliverDue();
        settingsSvc.verify(0, patchRequestedFor(urlPathEqualTo("/api/mind/profile/42/routingStatus")));
        ticketSvc.verify(1, patchRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId)));
    }
}
