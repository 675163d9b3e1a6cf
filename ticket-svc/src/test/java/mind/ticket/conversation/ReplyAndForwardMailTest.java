package mind.ticket.conversation;

import static io.restassured.RestAssured.given;
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

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.WithTestResource;
import mind.ticket.search.SettingsServiceStub;
import mind.ticket.search.SettingsServiceStub.InjectSettings;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** Replies and forwards that go out by mail: what is sent (MockMailbox), what is stored, and never twice. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
// settings-svc: the same resources as AutoProcessableTest, so that they share one application
@WithTestResource(SettingsServiceStub.class)
class ReplyAndForwardMailTest {

    @Inject
    MockMailbox mailbox;

    @InjectSettings
    WireMockServer settings;

    @Inject
    AgroalDataSource db;

    @Test
    void anEmailReplyGoesToTheRequesterWithReSubjectAndTheQuotedMessage() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Meter reading");
        String attachment = Base64.getEncoder().encodeToString("reading: 4711".getBytes(StandardCharsets.UTF_8));
        as(AGENT).body("{\"content\":{\"message\":\"<p>Thank you, we booked 4711.</p>\"},\"type\":\"email\","
                + "\"attachments\":[{\"name\":\"reading.txt\",\"mimeType\":\"text/plain\",\"base64\":\"" + attachment + "\"}],"
                + "\"intentIds\":[3]}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("success", is(true))
                .body("conversation.type", equalTo("email"))
                .body("conversation.direction", equalTo("out"))
                .body("conversation.private", is(false))
                .body("conversation.isDraft", is(false))
                .body("conversation.deliveryStatus", equalTo("sent"))
                .body("conversation.from", equalTo("support@mind.local"))
                .body("conversation.agentId", equalTo(7))
                .body("conversation.toEmail", contains(customer))
                .body("conversation.subject", equalTo("Re: Meter reading"))
                .body("conversation.intentIds", contains(3))
                .body("conversation.attachments[0].inline", is(true));

        List<Mail> mails = mailbox.getMailsSentTo(customer);
        assertEquals(1, mails.size());
        Mail mail = mails.get(0);
        assertEquals(List.of(customer), mail.getTo());
        assertEquals("support@mind.local", mail.getFrom());
        assertEquals("Re: Meter reading", mail.getSubject());
        assertTrue(mail.getHtml().startsWith("<p>Thank you, we booked 4711.</p>"), mail.getHtml());
        assertTrue(mail.getHtml().contains("<blockquote type=\"cite\">"), mail.getHtml());
        assertTrue(mail.getHtml().contains("My meter reads 4711."), "the customer's message is quoted: " + mail.getHtml());
        assertTrue(mail.getText().startsWith("Thank you, we booked 4711."), mail.getText());
        assertEquals(1, mail.getAttachments().size());
        assertEquals("reading.txt", mail.getAttachments().get(0).getName());
        assertEquals(List.of(String.valueOf(ticketId)), mail.getHeaders().get("X-Mind-Ticket-Id"));

        List<String> events = Fixtures.events(db, ticketId);
        assertTrue(events.containsAll(List.of("conversationAdded", "replied")), events.toString());
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket where id = ? and last_message_at is not null", ticketId));
    }

    /** A ticket's from with a display name ("Name <address>") is answered at the address. */
    @Test
    void aRequesterWithADisplayNameIsAnsweredAtTheAddress() {
        String customer = Fixtures.address("named");
        long ticketId = Fixtures.emailTicket("Erika Muster <" + customer + ">", "Named sender");
        as(AGENT).body("{\"content\":{\"message\":\"answer\"}}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200).body("conversation.to", contains(customer));
        assertEquals(1, mailbox.getMailsSentTo(customer).size());
        long unusable = Fixtures.emailTicket("not an address", "Unusable sender");
        as(AGENT).body("{\"content\":{\"message\":\"answer\"}}").post(base(unusable) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("to"))
                .body("error", containsString("name the recipients"));
    }

    @Test
    void recipientsSubjectAndQuoteFollowTheRequest() {
        String customer = Fixtures.address("customer");
        String other = Fixtures.address("other");
        String copy = Fixtures.address("copy");
        String hidden = Fixtures.address("hidden");
        long ticketId = Fixtures.emailTicket(customer, "Tariff");
        as(AGENT).body("{\"content\":{\"message\":\"Plain answer\"},\"to\":[\"" + other + "\"],\"cc\":[\"" + copy
                + "\"],\"bcc\":[\"" + hidden + "\"],\"subject\":\"Your tariff\"}")
                .post(base(ticketId) + "/conversation/reply?includeQuotedHistory=false")
                .then().statusCode(200).body("conversation.bccEmails", contains(hidden));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty(), "only the named recipients get it");
        Mail mail = mailbox.getMailsSentTo(other).get(0);
        assertEquals(List.of(copy), mail.getCc());
        assertEquals(List.of(hidden), mail.getBcc());
        assertEquals("Your tariff", mail.getSubject());
        assertEquals("Plain answer", mail.getHtml(), "no quoted history");
    }

    @Test
    void notesAndOtherChannelsAreStoredNotSent() {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Note");
        as(AGENT).body("{\"content\":{\"message\":\"called him\"},\"private\":true}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("conversation.type", equalTo("note"))
                .body("conversation.direction", equalTo("internal"));
        as(AGENT).body("{\"content\":{\"message\":\"hi in chat\"},\"type\":\"chat\"}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .body("conversation.type", equalTo("chat"))
                .body("conversation.direction", equalTo("out"))
                .body("conversation.deliveryStatus", equalTo(null));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"type\":\"note\",\"direction\":\"out\"}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("direction"));
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty());
    }

    @Test
    void replyValidationNamesTheField() {
        long ticketId = Fixtures.emailTicket(Fixtures.address("customer"), "Invalid");
        as(AGENT).body("{\"type\":\"email\"}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("content"));
        as(AGENT).body("{\"content\":{}}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("content.message"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"to\":[\"ok@example.com\",\"not an address\"]}")
                .post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("to[1]"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"cc\":[\"a@b\"]}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("cc[0]"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"},\"to\":[]}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(400).body("details[0].field", equalTo("to"));
        as(AGENT).body("{\"content\":{\"message\":\"x\"}}").post("/api/mind/ticket/999999999/conversation/reply")
                .then().statusCode(404);
    }

    @Test
    void aDraftIsStoredAndSentOnceWhenPublished() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Draft");
        long draft = ((Number) as(AGENT).body("{\"content\":{\"message\":\"First words\"},\"isDraft\":true}")
                .post(base(ticketId) + "/conversation/reply?includeQuotedHistory=false")
                .then().statusCode(200)
                .body("conversation.isDraft", is(true))
                .body("conversation.deliveryStatus", equalTo(null))
                .extract().path("conversation.id")).longValue();
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty(), "a draft is not sent");
        String url = base(ticketId) + "/conversation/" + draft;
        as(AGENT).body("{\"content\":{\"message\":\"Final words\"}}").patch(url).then().statusCode(200);

        // several agents publish it at once: it goes out once, the others find no draft any more
        List<Integer> statuses = Concurrently.run(5, () -> as(AGENT).body("{\"isDraft\":false}").patch(url)
                .then().extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        List<Mail> mails = mailbox.getMailsSentTo(customer);
        assertEquals(1, mails.size());
        assertEquals("Final words", mails.get(0).getHtml());
        assertEquals("Re: Draft", mails.get(0).getSubject());
        given().header("Authorization", AGENT).get(url).then().statusCode(200)
                .body("isDraft", is(false)).body("deliveryStatus", equalTo("sent"));
        as(AGENT).body("{\"content\":{\"message\":\"changed after sending\"}}").patch(url)
                .then().statusCode(409).body("code", equalTo("conversation_not_editable"));
    }

    @Test
    void aReplayedReplyNeverSendsTwiceEvenInParallel() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Twice");
        String key = "reply-" + UUID.randomUUID();
        String body = "{\"content\":{\"message\":\"Only once\"}}";
        List<ExtractableResponse<Response>> answers = Concurrently.run(8, () -> as(AGENT).header("Idempotency-Key", key)
                .body(body).post(base(ticketId) + "/conversation/reply").then().extract());
        List<Integer> statuses = answers.stream().map(ExtractableResponse::statusCode).toList();
        assertTrue(statuses.contains(200), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        Set<Object> ids = Set.copyOf(answers.stream().filter(a -> a.statusCode() == 200)
                .map(a -> (Object) a.path("conversation.id")).toList());
        assertEquals(1, ids.size(), "every 200 is the one reply: " + ids);

        // after the first finished, the same request is answered from the record
        as(AGENT).header("Idempotency-Key", key).body(body).post(base(ticketId) + "/conversation/reply")
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("conversation.id", equalTo(ids.iterator().next()));
        as(AGENT).header("Idempotency-Key", key).body("{\"content\":{\"message\":\"Something else\"}}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(422);
        assertEquals(1, mailbox.getMailsSentTo(customer).size());
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
    }

    @Test
    void aForwardMailsTheTicketToTheGivenAddressOnce() throws Exception {
        String customer = Fixtures.address("customer");
        String operator = Fixtures.address("grid");
        String copy = Fixtures.address("copy");
        long ticketId = Fixtures.emailTicket(customer, "Grid question");
        // an email subchannel without a sender of its own: mail goes out from the configured sender
        settings.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/mind/settings/subchannel/2")).willReturn(WireMock.okJson(
                "{\"success\":true,\"subchannel\":{\"id\":2,\"channel\":\"email\",\"name\":\"Grid\",\"data\":{}}}")));
        String body = "{\"body\":\"<p>Please take care of it.</p>\",\"toEmail\":\"" + operator + "\",\"cc\":[\"" + copy
                + "\"],\"subchannelId\":2}";
        String key = "fwd-" + UUID.randomUUID();
        List<Integer> statuses = Concurrently.run(5, () -> as(AGENT).header("Idempotency-Key", key).body(body)
                .post(base(ticketId) + "/forward").then().extract().statusCode());
        assertTrue(statuses.contains(200), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        as(AGENT).header("Idempotency-Key", key).body(body).post(base(ticketId) + "/forward")
                .then().statusCode(200)
                .body("success", is(true))
                .body("conversation.type", equalTo("email"))
                .body("conversation.direction", equalTo("out"))
                .body("conversation.private", is(true))
                .body("conversation.toEmail", contains(operator))
                .body("conversation.subchannelId", equalTo(2))
                .body("conversation.subject", equalTo("Fwd: Grid question"));

        List<Mail> mails = mailbox.getMailsSentTo(operator);
        assertEquals(1, mails.size());
        Mail mail = mails.get(0);
        assertEquals(List.of(copy), mail.getCc());
        assertEquals("support@mind.local", mail.getFrom());
        assertEquals("Fwd: Grid question", mail.getSubject());
        assertTrue(mail.getHtml().startsWith("<p>Please take care of it.</p>"), mail.getHtml());
        assertTrue(mail.getHtml().contains("Forwarded message") && mail.getHtml().contains("From: " + customer)
                && mail.getHtml().contains("<p>My meter reads 4711.</p>"), mail.getHtml());
        assertTrue(mailbox.getMailsSentTo(customer).isEmpty(), "the customer gets no copy");
        assertTrue(Fixtures.events(db, ticketId).contains("forwarded"));
    }

    @Test
    void forwardValidationNamesTheField() {
        long ticketId = Fixtures.emailTicket(Fixtures.address("customer"), "Fwd invalid");
        as(AGENT).body("{\"body\":\"x\"}").post(base(ticketId) + "/forward")
                .then().statusCode(400).body("details[0].field", equalTo("toEmail"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"grid operator\"}").post(base(ticketId) + "/forward")
                .then().statusCode(400).body("details[0].field", equalTo("toEmail"))
                .body("details[0].message", containsString("email address"));
        as(AGENT).body("{\"toEmail\":\"a@example.com\"}").post(base(ticketId) + "/forward")
                .then().statusCode(400).body("details[0].field", equalTo("body"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"a@example.com\",\"bcc\":[\"x@y.de\",\"nope\"]}")
                .post(base(ticketId) + "/forward")
                .then().statusCode(400).body("details[0].field", equalTo("bcc[1]"));
        String many = String.join(",", java.util.stream.IntStream.range(0, 51).mapToObj(i -> "\"a" + i + "@example.com\"").toList());
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"a@example.com\",\"cc\":[" + many + "]}").post(base(ticketId) + "/forward")
                .then().statusCode(400).body("details[0].field", equalTo("cc"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"a@example.com\"}").post("/api/mind/ticket/999999999/forward")
                .then().statusCode(404);
        assertFalse(mailbox.getMailsSentTo("a@example.com").size() > 0);
    }

    @Test
    void inlineAttachmentContentIsDecodedIntoTheMail() {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "Attachment");
        byte[] content = { 1, 2, 3, 4 };
        as(AGENT).body("{\"content\":{\"message\":\"see file\"},\"attachments\":[{\"name\":\"a.bin\",\"base64\":\""
                + Base64.getEncoder().encodeToString(content) + "\"},{\"name\":\"b.pdf\",\"url\":\"https://x.example.com/b.pdf\"}]}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(200)
                .body("conversation.attachments.name", contains("a.bin", "b.pdf"));
        Mail mail = mailbox.getMailsSentTo(customer).get(0);
        assertEquals(1, mail.getAttachments().size(), "a URL is not fetched");
        assertEquals("a.bin", mail.getAttachments().get(0).getName());
        assertEquals("application/octet-stream", mail.getAttachments().get(0).getContentType());
    }
}
