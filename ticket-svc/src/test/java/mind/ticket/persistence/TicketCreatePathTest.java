package mind.ticket.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.search.StatementCounter;

/**
 * POST /ticket of a new ticket is two statements: the ticket's INSERT and its "created" event; no
 * select before the insert, no update after it (the new ticket is inserted, not managed, so nothing
 * is flushed at commit). The answer is the ticket as stored, which a GET returns the same.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketCreatePathTest {

    @Test
    void aNewTicketIsOneInsertAndItsEvent() {
        String body = "{\"channel\":\"email\",\"subject\":\"two statements\",\"body\":\"<p>a</p>\",\"to\":[\"x@example.com\"],"
                + "\"rawData\":{\"k\":[1,2.5]},\"tags\":[4,2]}";
        StatementCounter.start();
        String created = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(body)
                .post("/api/mind/ticket").then().statusCode(200).body("subject", equalTo("two statements"))
                .extract().asString();
        List<String> statements = StatementCounter.statements();
        assertEquals(2, statements.size(), () -> "statements: " + statements);
        assertTrue(statements.get(0).matches("(?s)insert into (ticket\\.)?ticket \\(.*"), statements.get(0));
        assertTrue(statements.get(1).startsWith("insert into ticket_event"), statements.get(1));

        int id = io.restassured.path.json.JsonPath.from(created).getInt("id");
        String read = given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).extract().asString();
        // the answer of the POST is the ticket as stored
        assertEquals(created, read);
    }
}
