package mind.ticket.conversation;

import static mind.ticket.conversation.Fixtures.AGENT;
import static mind.ticket.conversation.Fixtures.as;
import static mind.ticket.conversation.Fixtures.base;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import mind.common.testing.MindTestResource;

/**
 * An SMTP server that accepts the connection and never says a word: the reply gives up after
 * {@code quarkus.mailer.timeout} and answers 503, instead of holding the request until the client's own
 * read times out (Quarkus's default wait is 60 s).
 */
@QuarkusTest
@TestProfile(SilentMailServerTest.SilentSmtpServer.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
class SilentMailServerTest {

    /** Connections the silent server accepted; kept open so the client sees no end of stream either. */
    static final List<Socket> ACCEPTED = new CopyOnWriteArrayList<>();

    public static class SilentSmtpServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            ServerSocket server;
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        ACCEPTED.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
            // shorter than the 10 s of application.properties, to keep the test quick; the mechanism is the same
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(server.getLocalPort()),
                    "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.timeout", "2S");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void aReplyToASilentServerTimesOutWith503AndIsNotKept() throws Exception {
        long ticketId = Fixtures.emailTicket(Fixtures.address("customer"), "Silent SMTP");
        as(AGENT).body("{\"content\":{\"message\":\"hello\"}}").post(base(ticketId) + "/conversation/reply")
                .then().statusCode(503)
                .header("Retry-After", "5")
                .body("code", equalTo("mail_unavailable"));
        assertTrue(!ACCEPTED.isEmpty(), "the mailer never connected to the silent server");
        assertEquals(0, Fixtures.count(db, "select count(*) from ticket.conversation where ticket_id = ?", ticketId));
        assertEquals(1, Fixtures.count(db, "select count(*) from ticket.ticket_event where ticket_id = ? and type = 'mailFailed' "
                + "and technical", ticketId));
    }
}
