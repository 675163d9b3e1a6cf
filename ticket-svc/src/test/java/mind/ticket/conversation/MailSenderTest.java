package mind.ticket.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static mind.ticket.conversation.Fixtures.AGENT;
import static mind.ticket.conversation.Fixtures.as;
import static mind.ticket.conversation.Fixtures.base;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.search.SettingsServiceStub;
import mind.ticket.search.SettingsServiceStub.InjectSettings;

/** Mail goes out from its mailbox: the sender of the email subchannel (settings-svc) the reply or forward is on. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
// settings-svc: the same resources as ReplyAndForwardMailTest, so that they share one application
@WithTestResource(SettingsServiceStub.class)
class MailSenderTest {

    /** Subchannel ids of this class only (the stub is shared with other classes of the same application). */
    private static final AtomicLong IDS = new AtomicLong(7_000 + (System.nanoTime() % 1_000) * 1_000);

    @InjectSettings
    WireMockServer settings;

    @Inject
    MockMailbox mailbox;

    @Inject
    AgroalDataSource db;

    private long subchannel(String channel, String data) {
        long id = IDS.incrementAndGet();
        settings.stubFor(get(urlPathEqualTo("/api/mind/settings/subchannel/" + id)).willReturn(okJson("{\"success\":true,"
                + "\"subchannel\":{\"id\":" + id + ",\"channel\":\"" + channel + "\",\"name\":\"Box " + id + "\","
                + "\"isDefault\":false,\"interface\":\"internal\",\"enabled\":true,\"data\":" + data + "}}")));
        return id;
    }

    private long unknownSubchannel() {
        long id = IDS.incrementAndGet();
        settings.stubFor(get(urlPathEqualTo("/api/mind/settings/subchannel/" + id)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"code\":\"not_found\",\"message\":\"Subchannel not found\"}")));
        return id;
    }

    private static long ticketOn(String customer, long subchannelId) {
        return ((Number) given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"from\":\"" + customer + "\",\"subject\":\"Abschlag\",\"body\":\"<p>Hallo</p>\","
                        + "\"subchannelId\":" + subchannelId + "}")
                .post("/api/mind/ticket?process=false").then().statusCode(200).extract().path("id")).longValue();
    }

    private static String reply(String extra) {
        return "{\"content\":{\"message\":\"<p>Danke</p>\"},\"type\":\"email\"" + extra + "}";
    }

    @Test
    void aReplyGoesOutFromTheMailboxOfItsTicketAndReadsTheMailboxOnce() {
        long sales = subchannel("email", "{\"fromEmail\":\"sales@mind.local\",\"fromEmailName\":\"Mind \\\"Sales\\\"\\r\\nBcc: x@evil.example\"}");
        String customer = Fixtures.address("customer");
        long ticketId = ticketOn(customer, sales);

        as(AGENT).body(reply("")).post(base(ticketId) + "/conversation/reply").then().statusCode(200)
                .body("conversation.fromEmail", equalTo("sales@mind.local"))
                .body("conversation.fromEmailName", equalTo("Mind Sales Bcc: x@evil.example"));
        as(AGENT).body(reply("")).post(base(ticketId) + "/conversation/reply").then().statusCode(200);

        List<Mail> mails = mailbox.getMailsSentTo(customer);
        assertEquals(2, mails.size());
        // the display name quoted as one word: its quotes and line breaks cannot add a header
        assertEquals("\"Mind Sales Bcc: x@evil.example\" <sales@mind.local>", mails.get(0).getFrom());
        assertTrue(mails.get(0).getBcc().isEmpty(), mails.get(0).getBcc().toString());
        settings.verify(1, getRequestedFor(urlPathEqualTo("/api/mind/settings/subchannel/" + sales)));
    }

    @Test
    void theSubchannelARequestNamesWinsAndMustBeAnEmailSubchannelSettingsSvcKnows() throws Exception {
        long ofTicket = subchannel("email", "{\"fromEmail\":\"billing@mind.local\"}");
        long named = subchannel("email", "{\"fromEmail\":\"grid@mind.local\",\"fromEmailName\":\"Grid desk\"}");
        long phone = subchannel("phone", "{\"fromEmail\":\"phone@mind.local\"}");
        long unknown = unknownSubchannel();
        String customer = Fixtures.address("customer");
        String operator = Fixtures.address("operator");
        long ticketId = ticketOn(customer, ofTicket);

        as(AGENT).body("{\"body\":\"<p>Bitte übernehmen</p>\",\"toEmail\":\"" + operator + "\",\"subchannelId\":" + named + "}")
                .post(base(ticketId) + "/forward").then().statusCode(200)
                .body("conversation.fromEmail", equalTo("grid@mind.local"));
        assertEquals("\"Grid desk\" <grid@mind.local>", mailbox.getMailsSentTo(operator).get(0).getFrom());

        long before = Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId);
        as(AGENT).body(reply(",\"subchannelId\":" + phone)).post(base(ticketId) + "/conversation/reply").then()
                .statusCode(400).body("details[0].field", equalTo("subchannelId"));
        as(AGENT).body(reply(",\"subchannelId\":" + unknown)).post(base(ticketId) + "/conversation/reply").then()
                .statusCode(400).body("details[0].field", equalTo("subchannelId"));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty(), "nothing was sent");
        assertEquals(before, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
    }

    @Test
    void withoutASenderOfItsOwnTheConfiguredSenderIsUsedAndAnUnreachableSettingsSvcSendsNothing() throws Exception {
        long noSender = subchannel("email", "{\"imapHost\":\"imap.mind.local\"}");
        long badSender = subchannel("email", "{\"fromEmail\":\"not an address\"}");
        long gone = unknownSubchannel();
        for (long subchannel : new long[] { noSender, badSender, gone }) {
            String customer = Fixtures.address("customer");
            as(AGENT).body(reply("")).post(base(ticketOn(customer, subchannel)) + "/conversation/reply").then()
                    .statusCode(200).body("conversation.fromEmail", equalTo("support@mind.local"))
                    .body("conversation.fromEmailName", nullValue());
            assertEquals("support@mind.local", mailbox.getMailsSentTo(customer).get(0).getFrom());
        }

        long down = IDS.incrementAndGet();
        settings.stubFor(get(urlPathEqualTo("/api/mind/settings/subchannel/" + down)).willReturn(aResponse().withStatus(503)));
        String customer = Fixtures.address("customer");
        long ticketId = ticketOn(customer, down);
        as(AGENT).body(reply("")).post(base(ticketId) + "/conversation/reply").then().statusCode(503)
                .header("Retry-After", equalTo("5"));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty());
        assertEquals(0L, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ? and direction = 'out'",
                ticketId));
    }
}
