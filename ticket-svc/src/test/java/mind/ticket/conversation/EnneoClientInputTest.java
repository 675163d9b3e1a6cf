package mind.ticket.conversation;

import static io.restassured.RestAssured.given;
import static mind.ticket.conversation.Fixtures.AGENT;
import static mind.ticket.conversation.Fixtures.as;
import static mind.ticket.conversation.Fixtures.base;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
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
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * What enneo's clients send to the conversation endpoints: enneo's message types (text, html, note, neo,
 * agent_request, agent_response), direction internal as a private note, content.message on reply and
 * PATCH (recipients as a string: {@link RecipientFormsTest}). Every refusal is read back: nothing stored,
 * nothing mailed.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
// settings-svc: the same resources as AutoProcessableTest, so that they share one application
@WithTestResource(SettingsServiceStub.class)
class EnneoClientInputTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    AgroalDataSource db;

    private long conversations(long ticketId) throws Exception {
        return Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId);
    }

    private static List<String> types(String url) {
        return given().header("Authorization", AGENT).get(url).then().statusCode(200).extract()
                .jsonPath().getList("conversations.type", String.class);
    }

    private static long chatTicket(String from) {
        return ((Number) given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"channel\":\"chat\",\"from\":\"" + from + "\",\"subject\":\"Chat\",\"body\":\"Hello?\"}")
                .post("/api/mind/ticket?process=false").then().statusCode(200).extract().path("id")).longValue();
    }

    @Test
    void enneoTypesAreStoredReadAndFilteredAsSent() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Types");
        String worker = TestTokens.serviceWorker();
        as(worker).body("{\"type\":\"text\",\"from\":\"" + customer + "\",\"body\":\"plain words\"}")
                .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                .body("conversation.type", equalTo("text"))
                .body("conversation.direction", equalTo("in"))
                .body("conversation.private", is(false));
        as(worker).body("{\"type\":\"html\",\"from\":\"" + customer + "\",\"body\":\"<p>rich words</p>\"}")
                .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                .body("conversation.type", equalTo("html"))
                .body("conversation.bodyPlain", equalTo("rich words"));
        // the internal kinds: private and internal without being told
        for (String kind : List.of("neo", "agent_request", "agent_response")) {
            as(worker).body("{\"type\":\"" + kind + "\",\"body\":\"" + kind + " says\",\"createdAt\":\"2031-01-01 00:00:00\"}")
                    .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                    .body("conversation.type", equalTo(kind))
                    .body("conversation.direction", equalTo("internal"))
                    .body("conversation.private", is(true));
        }
        as(worker).body("{\"type\":\"note\",\"body\":\"a note\"}")
                .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                .body("conversation.type", equalTo("note"))
                .body("conversation.direction", equalTo("internal"))
                .body("conversation.private", is(true));

        String url = base(ticketId) + "/conversation";
        assertEquals(List.of("text", "html", "note", "neo", "agent_request", "agent_response"), types(url));
        assertEquals(List.of("text"), types(url + "?type=text"));
        assertEquals(List.of("neo", "agent_response"), types(url + "?type[]=neo&type[]=agent_response"));
        assertEquals(List.of("html", "agent_request"), types(url + "?type[0]=agent_request&type[1]=html"));
        assertEquals(List.of("note", "neo", "agent_request", "agent_response"), types(url + "?private=true"));
        assertEquals(List.of(), types(url + "?type=email"));
        // records of the AI's work are no messages of the ticket: its last message time stays before them
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket where id = ? "
                + "and last_message_at < timestamptz '2031-01-01 00:00:00Z'", ticketId));
    }

    @Test
    void anUnknownTypeIs400NamingTypeAndTheAcceptedValuesAndNothingIsWritten() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Unknown type");
        as(AGENT).body("{\"type\":\"sms\",\"body\":\"x\"}").post(base(ticketId) + "/conversation/store")
                .then().statusCode(400)
                .body("success", is(false))
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("type"))
                .body("details[0].message", containsString("text"))
                .body("details[0].message", containsString("agent_response"))
                .body("details[0].message", containsString("walkIn"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"type\":\"markdown\"}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400)
                .body("details[0].field", equalTo("type"))
                .body("details[0].message", containsString("html"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"type\":\"Text\"}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("type"));
        given().header("Authorization", AGENT).get(base(ticketId) + "/conversation?type[]=text&type[]=sms")
                .then().statusCode(400)
                .body("details[0].field", equalTo("type[]"))
                .body("details[0].message", containsString("agent_request"));
        assertEquals(0, conversations(ticketId));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty());
    }

    @Test
    void aTextOrHtmlReplyOnAnEmailTicketGoesOutByMail() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Text reply");
        as(AGENT).body("{\"content\":{\"message\":\"Reply text here\"},\"type\":\"text\",\"direction\":\"out\"}")
                .post(base(ticketId) + "/conversation/reply?includeQuotedHistory=false")
                .then().statusCode(200)
                .body("conversation.type", equalTo("text"))
                .body("conversation.direction", equalTo("out"))
                .body("conversation.private", is(false))
                .body("conversation.deliveryStatus", equalTo("sent"))
                .body("conversation.toEmail", contains(customer))
                .body("conversation.subject", equalTo("Re: Text reply"));
        as(AGENT).body("{\"content\":{\"message\":\"<p>Rich reply</p>\"},\"type\":\"html\"}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("conversation.type", equalTo("html"))
                .body("conversation.deliveryStatus", equalTo("sent"));
        List<Mail> mails = mailbox.getMailsSentTo(customer);
        assertEquals(2, mails.size());
        assertEquals("Reply text here", mails.get(0).getHtml());
        assertTrue(mails.get(1).getHtml().startsWith("<p>Rich reply</p>"), mails.get(1).getHtml());
        assertTrue(mails.get(1).getHtml().contains("My meter reads 4711."), "quoted as an email reply is");
        assertTrue(Fixtures.events(db, ticketId).contains("replied"));
    }

    @Test
    void aTextDraftIsEditedThroughContentAndMailedWhenPublished() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Text draft");
        long draft = ((Number) as(AGENT).body("{\"content\":{\"message\":\"First words\"},\"type\":\"text\",\"isDraft\":true}")
                .post(base(ticketId) + "/conversation/reply?includeQuotedHistory=false")
                .then().statusCode(200)
                .body("conversation.type", equalTo("text"))
                .body("conversation.isDraft", is(true))
                .body("conversation.deliveryStatus", nullValue())
                .extract().path("conversation.id")).longValue();
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty(), "a draft is not sent");
        String url = base(ticketId) + "/conversation/" + draft;
        as(AGENT).body("{\"content\":{\"message\":\"Final words\"}}").patch(url)
                .then().statusCode(200)
                .body("conversation.content.message", equalTo("Final words"))
                .body("conversation.isDraft", is(true));
        given().header("Authorization", AGENT).get(url).then().statusCode(200)
                .body("content.message", equalTo("Final words")).body("body", equalTo("Final words"));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty(), "editing a draft sends nothing");
        as(AGENT).body("{\"isDraft\":false}").patch(url)
                .then().statusCode(200)
                .body("conversation.isDraft", is(false))
                .body("conversation.deliveryStatus", equalTo("sent"));
        List<Mail> mails = mailbox.getMailsSentTo(customer);
        assertEquals(1, mails.size());
        assertEquals("Final words", mails.get(0).getHtml());
    }

    @Test
    void aTextReplyOnAChatTicketIsStoredNotMailed() throws Exception {
        String customer = Fixtures.address("chatter");
        long ticketId = chatTicket(customer);
        as(AGENT).body("{\"content\":{\"message\":\"Hi, how can I help?\"},\"type\":\"text\",\"to\":\"" + customer + "\"}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("conversation.type", equalTo("text"))
                .body("conversation.direction", equalTo("out"))
                .body("conversation.deliveryStatus", nullValue());
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty());
        assertEquals(1, conversations(ticketId));
    }

    @Test
    void internalRepliesArePrivateNotesThatAreNeverSent() throws Exception {
        String customer = Fixtures.address("customer");
        String colleague = Fixtures.address("colleague");
        long ticketId = Fixtures.emailTicket(customer, "Internal");
        long note = ((Number) as(AGENT).body("{\"content\":{\"message\":\"called him\"},\"type\":\"text\",\"direction\":\"internal\","
                + "\"to\":\"" + colleague + "\"}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("conversation.type", equalTo("note"))
                .body("conversation.direction", equalTo("internal"))
                .body("conversation.private", is(true))
                .body("conversation.deliveryStatus", nullValue())
                .extract().path("conversation.id")).longValue();
        // private:false does not make an internal message public
        as(AGENT).body("{\"content\":{\"message\":\"still internal\"},\"type\":\"email\",\"direction\":\"internal\",\"private\":false}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("conversation.type", equalTo("note"))
                .body("conversation.private", is(true))
                .body("conversation.deliveryStatus", nullValue());
        as(AGENT).body("{\"content\":{\"message\":\"NEO suggests a refund\"},\"type\":\"neo\"}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("conversation.type", equalTo("neo"))
                .body("conversation.direction", equalTo("internal"))
                .body("conversation.private", is(true));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty(), "nothing went to the customer");
        assertTrue(mailbox.getMailsSentTo(colleague).isEmpty(), "nothing went to the named recipient");
        assertFalse(Fixtures.events(db, ticketId).contains("replied"));

        // reads show them private, and the note stays editable through content.message
        given().header("Authorization", AGENT).get(base(ticketId) + "/conversation/" + note)
                .then().statusCode(200).body("private", is(true)).body("direction", equalTo("internal"));
        assertEquals(List.of("note", "note", "neo"), types(base(ticketId) + "/conversation?private=true"));
        assertEquals(List.of(), types(base(ticketId) + "/conversation?private=false"));
        as(AGENT).body("{\"content\":{\"message\":\"called him twice\"}}").patch(base(ticketId) + "/conversation/" + note)
                .then().statusCode(200).body("conversation.content.message", equalTo("called him twice"))
                .body("conversation.private", is(true));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty());

        // an internal kind never goes out
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"type\":\"agent_request\",\"direction\":\"out\"}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("direction"));
        assertEquals(3, conversations(ticketId));
    }

    @Test
    void storedInternalMessagesArePrivateAndNeverQuotedInAMail() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Stored internal");
        String worker = TestTokens.serviceWorker();
        as(worker).body("{\"direction\":\"internal\",\"body\":\"imported note\",\"private\":false}")
                .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                .body("conversation.type", equalTo("note"))
                .body("conversation.direction", equalTo("internal"))
                .body("conversation.private", is(true));
        as(worker).body("{\"direction\":\"internal\",\"type\":\"html\",\"body\":\"<p>internal html</p>\"}")
                .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                .body("conversation.type", equalTo("note"))
                .body("conversation.private", is(true));
        // a private message from the customer's side is kept out of the quoted history of a reply
        as(worker).body("{\"direction\":\"in\",\"type\":\"text\",\"private\":true,\"from\":\"" + customer
                + "\",\"body\":\"secret remark\"}")
                .post(base(ticketId) + "/conversation/store").then().statusCode(200)
                .body("conversation.private", is(true));
        as(AGENT).body("{\"content\":{\"message\":\"<p>Answer</p>\"},\"type\":\"text\"}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200).body("conversation.deliveryStatus", equalTo("sent"));
        Mail mail = mailbox.getMailsSentTo(customer).get(0);
        assertFalse(mail.getHtml().contains("secret remark"), mail.getHtml());
        assertFalse(mail.getHtml().contains("imported note") || mail.getHtml().contains("internal html"), mail.getHtml());
        assertTrue(mail.getHtml().contains("My meter reads 4711."), mail.getHtml());
    }
}
