package mind.ticket.conversation;

import static io.restassured.RestAssured.given;
import static mind.ticket.conversation.Fixtures.AGENT;
import static mind.ticket.conversation.Fixtures.as;
import static mind.ticket.conversation.Fixtures.base;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import mind.common.testing.MindTestResource;
import mind.common.testing.RefusedPort;

/** The real mailer pointed at a port nobody listens on: nothing is kept as sent, the caller gets 503. */
@QuarkusTest
@TestProfile(MailServerDownTest.NoSmtpServer.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
class MailServerDownTest {

    public static class NoSmtpServer implements QuarkusTestProfile {
        /** Held for the JVM's life: the profile has no end to close it at. */
        private static final List<RefusedPort> HELD = new CopyOnWriteArrayList<>();

        @Override
        public Map<String, String> getConfigOverrides() {
            RefusedPort refused = new RefusedPort();
            HELD.add(refused);
            int port = refused.port();
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(port), "quarkus.mailer.start-tls", "DISABLED");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void aReplyOrForwardThatCannotBeSentIsNotKept() throws Exception {
        String customer = Fixtures.address("customer");
        long ticketId = Fixtures.emailTicket(customer, "No SMTP");
        as(AGENT).body("{\"content\":{\"message\":\"hello\"}}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(503)
                .header("Retry-After", "5")
                .body("code", equalTo("mail_unavailable"))
                .body("error", containsString("nothing was sent"));
        as(AGENT).body("{\"body\":\"x\",\"toEmail\":\"grid@example.com\"}").post(base(ticketId) + "/forward")
                .then().statusCode(503).body("code", equalTo("mail_unavailable"));
        assertEquals(0, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
        assertEquals(2, Fixtures.count(db, "select count(*) from ticket.ticket_event where ticket_id = ? and type = 'mailFailed' "
                + "and technical", ticketId));
        assertTrue(!Fixtures.events(db, ticketId).contains("replied") && !Fixtures.events(db, ticketId).contains("forwarded"));
    }

    @Test
    void aDraftThatCannotBeSentStaysADraft() {
        long ticketId = Fixtures.emailTicket(Fixtures.address("customer"), "Draft no SMTP");
        long draft = ((Number) as(AGENT).body("{\"content\":{\"message\":\"later\"},\"isDraft\":true}")
                .post(base(ticketId) + "/conversation/reply").then().statusCode(200).extract().path("conversation.id")).longValue();
        String url = base(ticketId) + "/conversation/" + draft;
        as(AGENT).body("{\"isDraft\":false}").patch(url).then().statusCode(503).body("code", equalTo("mail_unavailable"));
        given().header("Authorization", AGENT).get(url).then().statusCode(200)
                .body("isDraft", is(true)).body("deliveryStatus", nullValue());
    }
}
