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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import mind.common.testing.MindTestResource;

/** The real mailer pointed at a port nobody listens on: nothing is kept as sent, the caller gets 503. */
@QuarkusTest
@TestProfile(MailServerDownTest.NoSmtpServer.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
class MailServerDownTest {

    public static class NoSmtpServer implements QuarkusTestProfile {
        /**
         * Bound and never listening: a connection to its port is refused, and while it stays bound no other
         * socket of this machine (a stub server of another test, say) can be given the port. Closing a probe
         * socket and using its number left the port free to be taken; a server that took it and never spoke
         * SMTP held the reply until the client's read timed out.
         */
        private static final List<Socket> HELD = new ArrayList<>();

        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try {
                Socket socket = new Socket();
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                HELD.add(socket);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
