package mind.ticket.conversation;

import static mind.ticket.conversation.Fixtures.AGENT;
import static mind.ticket.conversation.Fixtures.as;
import static mind.ticket.conversation.Fixtures.base;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.WithTestResource;
import mind.ticket.search.SettingsServiceStub;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Recipients as enneo's clients send them: reply to/cc/bcc, forward toEmail/cc/bcc and store
 * to/ccEmails/bccEmails take one address as a string or several as an array. A string holds one address;
 * one that is none is a 400 naming the field, and nothing is stored or mailed.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
// settings-svc: the same resources as AutoProcessableTest, so that they share one application
@WithTestResource(SettingsServiceStub.class)
class RecipientFormsTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    AgroalDataSource db;

    @Test
    void recipientsTakeAStringOrAnArray() throws Exception {
        String customer = Fixtures.address("customer");
        String other = Fixtures.address("other");
        String copy = Fixtures.address("copy");
        String hidden = Fixtures.address("hidden");
        long ticketId = Fixtures.emailTicket(customer, "Strings");
        as(AGENT).body("{\"content\":{\"message\":\"To one\"},\"to\":\"" + other + "\",\"cc\":\"" + copy
                + "\",\"bcc\":[\"" + hidden + "\"]}")
                .post(base(ticketId) + "/conversation/reply?includeQuotedHistory=false")
                .then().statusCode(200)
                .body("conversation.toEmail", contains(other))
                .body("conversation.ccEmails", contains(copy))
                .body("conversation.bccEmails", contains(hidden));
        Mail mail = mailbox.getMailsSentTo(other).get(0);
        assertEquals(List.of(other), mail.getTo());
        assertEquals(List.of(copy), mail.getCc());
        assertEquals(List.of(hidden), mail.getBcc());
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty());

        String operator = Fixtures.address("grid");
        String second = Fixtures.address("grid2");
        as(AGENT).body("{\"body\":\"Please check\",\"toEmail\":\"" + operator + "\",\"cc\":\"" + copy + "\",\"bcc\":\"" + hidden + "\"}")
                .post(base(ticketId) + "/forward")
                .then().statusCode(200)
                .body("conversation.toEmail", contains(operator))
                .body("conversation.ccEmails", contains(copy))
                .body("conversation.private", is(true));
        Mail forwarded = mailbox.getMailsSentTo(operator).get(0);
        assertEquals(List.of(copy), forwarded.getCc());
        assertEquals(List.of(hidden), forwarded.getBcc());
        as(AGENT).body("{\"body\":\"Please check\",\"toEmail\":[\"" + operator + "\",\"" + second + "\"]}")
                .post(base(ticketId) + "/forward")
                .then().statusCode(200)
                .body("conversation.toEmail", contains(operator, second));
        assertEquals(List.of(operator, second), mailbox.getMailsSentTo(second).get(0).getTo());
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket_event where ticket_id = ? and type = 'forwarded' "
                + "and data->'toEmail' = ?::jsonb", ticketId, "[\"" + operator + "\",\"" + second + "\"]"));

        // store keeps what an integration sends, one string or an array
        as(TestTokens.serviceWorker()).body("{\"from\":\"" + customer + "\",\"body\":\"in\",\"to\":\"support@mind.local\","
                + "\"ccEmails\":\"" + copy + "\",\"bccEmails\":[\"" + hidden + "\"]}")
                .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                .body("conversation.toEmail", contains("support@mind.local"))
                .body("conversation.ccEmails", contains(copy))
                .body("conversation.bccEmails", contains(hidden));
    }

    @Test
    void aRecipientThatIsNoAddressIs400NamingTheFieldAndNothingIsWrittenOrSent() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Bad recipients");
        String reply = base(ticketId) + "/conversation/reply";
        // a string holds one address: several separated by commas are no address
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"to\":\"a@example.com, b@example.com\"}").post(reply)
                .then().statusCode(400).body("details[0].field", equalTo("to"))
                .body("details[0].message", containsString("email address"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"cc\":\"nope\"}").post(reply)
                .then().statusCode(400).body("details[0].field", equalTo("cc"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"bcc\":\"\"}").post(reply)
                .then().statusCode(400).body("details[0].field", equalTo("bcc"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"to\":[\"ok@example.com\",\"nope\"]}").post(reply)
                .then().statusCode(400).body("details[0].field", equalTo("to[1]"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"to\":5}").post(reply)
                .then().statusCode(400).body("details[0].field", equalTo("to"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"to\":{\"address\":\"a@example.com\"}}").post(reply)
                .then().statusCode(400).body("details[0].field", equalTo("to"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"to\":\"a\\u0000@example.com\"}").post(reply)
                .then().statusCode(400).body("details[0].field", equalTo("to"));

        String forward = base(ticketId) + "/forward";
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"a@example.com,b@example.com\"}").post(forward)
                .then().statusCode(400).body("details[0].field", equalTo("toEmail"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":[]}").post(forward)
                .then().statusCode(400).body("details[0].field", equalTo("toEmail"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":[\"ok@example.com\",\"nope\"]}").post(forward)
                .then().statusCode(400).body("details[0].field", equalTo("toEmail[1]"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"ok@example.com\",\"cc\":\"nope\"}").post(forward)
                .then().statusCode(400).body("details[0].field", equalTo("cc"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"ok@example.com\",\"bcc\":true}").post(forward)
                .then().statusCode(400).body("details[0].field", equalTo("bcc"));

        assertEquals(0, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
        assertFalse(Fixtures.events(db, ticketId).contains("conversationAdded"));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty());
        assertTrue(mailbox.getMailsSentTo("ok@example.com").isEmpty());
        assertTrue(mailbox.getMailsSentTo("a@example.com").isEmpty());
    }
}
