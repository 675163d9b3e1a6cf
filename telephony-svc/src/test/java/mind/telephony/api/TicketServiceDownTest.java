package mind.telephony.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.repository.QueueEntryRepository;

/** ticket-svc is not running at all: its port refuses connections. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(UnreachableTicketService.class)
class TicketServiceDownTest {

    @Inject
    QueueEntryRepository queue;

    @Test
    void connectionRefusedKeepsTheCallWithoutTicket() {
        String channelId = "call_" + UUID.randomUUID();
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"channelId\":\"" + channelId + "\",\"phone\":\"+49301\"}")
                .post("/api/mind/telephony/callReceived")
                .then().statusCode(200)
                .body("success", is(true))
                .body("ticketId", org.hamcrest.Matchers.nullValue())
                .body("queueId", org.hamcrest.Matchers.notNullValue());
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(
                () -> queue.count("channelId = ?1 and ticketId is null", channelId)));
    }

    @Test
    void withoutChannelIdNothingCanBeKeptAndTheAnswerIs503() {
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"phone\":\"+49301\"}")
                .post("/api/mind/telephony/callReceived")
                .then().statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("success", is(false))
                .body("code", equalTo("dependency_unavailable"))
                .body("error", allOf(containsString("ticket-svc could not be reached"), containsString("not registered"),
                        not(containsString("Exception")), not(containsString("127.0.0.1"))));
    }
}
