package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.repository.QueueEntryRepository;

/** callReceived stores and passes on the caller's number in E.164; a number that cannot be read is a 400 naming phone. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class PhoneNormalisationTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    QueueEntryRepository queue;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
        CallStubs.ticketSvc(ticketSvc, ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000));
    }

    private String receivedFrom(String phone) {
        String channelId = "call_" + UUID.randomUUID();
        CallStubs.send("callReceived", "{\"channelId\":\"" + channelId + "\",\"phone\":\"" + phone + "\"}")
                .then().statusCode(200).body("success", is(true));
        String stored = QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow().phone);
        String sent = ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket"))).stream()
                .map(r -> JsonPath.from(r.getBodyAsString()))
                .filter(j -> channelId.equals(j.getString("channelId")))
                .findFirst().orElseThrow().getString("from");
        assertEquals(stored, sent, "the ticket gets the number the queue entry keeps");
        return stored;
    }

    @Test
    void numbersInEveryUsualFormBecomeE164() {
        assertEquals("+49301234567", receivedFrom("030 123 45-67"), "national, default region DE");
        assertEquals("+49301234567", receivedFrom("(030) 1234567"));
        assertEquals("+49301234567", receivedFrom("0049 30 1234567"), "international prefix");
        assertEquals("+49301234567", receivedFrom("+49 (0)30 1234567"));
        assertEquals("+441632960123", receivedFrom("+44 1632 960123"), "another country by its code");
        assertEquals("+491234567890", receivedFrom("+491234567890"), "E.164 stays as it is");
    }

    @Test
    void aNumberThatCannotBeReadIsA400NamingPhoneAndRegistersNothing() {
        for (String phone : List.of("anonymouse", "+999123", "1", "+4930%07d", "none")) {
            String channelId = "call_" + UUID.randomUUID();
            given().header("Authorization", TestTokens.serviceWorker()).contentType("application/json")
                    .body("{\"channelId\":\"" + channelId + "\",\"phone\":\"" + phone + "\"}")
                    .post(CallStubs.BASE + "callReceived").then().statusCode(400)
                    .body("code", is("validation_failed")).body("details[0].field", is("phone"));
            assertEquals(false, QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).isPresent()),
                    phone + ": nothing registered");
        }
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
    }

    /** What phone platforms send for a withheld number registers the call without number, as no phone does. */
    @Test
    void aWithheldNumberRegistersTheCallWithoutPhone() {
        for (String phone : List.of("anonymous", "Anonymous", "", " ", "unknown", "UNKNOWN", "withheld", "private",
                "Restricted", " anonymous ")) {
            assertNull(receivedFrom(phone), "'" + phone + "' is a withheld number");
        }
        JsonPath ticket = JsonPath.from(ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket"))).get(0)
                .getBodyAsString());
        assertNull(ticket.get("from"));
        assertEquals("Phone call", ticket.getString("subject"), "no number in the subject");
    }

    @Test
    void aCallWithoutPhoneIsStillAccepted() {
        String channelId = "call_" + UUID.randomUUID();
        CallStubs.send("callReceived", "{\"channelId\":\"" + channelId + "\"}").then().statusCode(200);
        assertEquals(null, QuarkusTransaction.requiringNew().call(() -> queue.findByChannelId(channelId).orElseThrow().phone));
    }
}
