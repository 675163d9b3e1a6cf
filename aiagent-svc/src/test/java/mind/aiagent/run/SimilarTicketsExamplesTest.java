package mind.aiagent.run;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.aiagent.run.TicketServiceStub.InjectTicketService;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * {@code GET /aiAgent/{id}/similarTickets} with example tickets: the examples ticket-svc has come first in the
 * agent's order, then the full-text matches without the examples again, all within {@code limit}.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class SimilarTicketsExamplesTest {

    static final String SEARCH = "/api/mind/ticket/search";

    @InjectTicketService
    WireMockServer ticketSvc;

    int agentId;

    @BeforeEach
    void setUp() {
        ticketSvc.resetAll();
        // ticket-svc has 12 and 7 of the examples, not 404; it answers in id order, not the agent's
        ticketSvc.stubFor(post(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.filters[0].key", equalTo("t.id")))
                .willReturn(okJson("{\"success\":true,\"total\":2,\"tickets\":[{\"id\":7,\"subject\":\"Stand 7\"},"
                        + "{\"id\":12,\"subject\":\"Stand 12\"}]}")));
        ticketSvc.stubFor(post(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.filters[0].key", equalTo("q")))
                .willReturn(okJson("{\"success\":true,\"total\":4,\"tickets\":[{\"id\":9},{\"id\":7},{\"id\":3},{\"id\":5}]}")));
        String slug = "examples_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        agentId = given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"Meter reading\",\"slug\":\"" + slug + "\",\"exampleTicketIds\":[12,404,7],"
                        + "\"settings\":{\"detectionDetails\":{\"keywords\":[\"Zählerstand\"]}}}")
                .post("/api/mind/aiAgent").then().statusCode(200).extract().path("id");
    }

    @Test
    void examplesComeFirstInTheAgentsOrderThenMatchesWithoutDuplicates() {
        given().header("Authorization", TestTokens.agent(3)).queryParam("limit", 10)
                .get("/api/mind/aiAgent/" + agentId + "/similarTickets").then().statusCode(200)
                .body("id", contains(12, 7, 9, 3, 5))
                .body("[0].subject", org.hamcrest.Matchers.is("Stand 12"));

        // the examples in one call, by id; the full text asks for enough to make up for dropped duplicates
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(SEARCH))
                .withRequestBody(equalToJson("{\"filters\":[{\"key\":\"t.id\",\"comparator\":\"in\",\"values\":[12,404,7]}],"
                        + "\"limit\":3,\"offset\":0}")));
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo(SEARCH))
                .withRequestBody(matchingJsonPath("$.filters[0].value", equalTo("\"zählerstand\" or meter or reading")))
                .withRequestBody(matchingJsonPath("$.limit", equalTo("12"))));
    }

    @Test
    void theLimitBoundsExamplesAndMatchesTogether() {
        given().header("Authorization", TestTokens.admin()).queryParam("limit", 3)
                .get("/api/mind/aiAgent/" + agentId + "/similarTickets").then().statusCode(200)
                .body("id", contains(12, 7, 9));

        ticketSvc.resetRequests();
        given().header("Authorization", TestTokens.admin()).queryParam("limit", 1)
                .get("/api/mind/aiAgent/" + agentId + "/similarTickets").then().statusCode(200)
                .body("id", contains(12));
        // the examples fill the limit: no full-text search is made
        ticketSvc.verify(0, postRequestedFor(urlPathEqualTo(SEARCH))
                .withRequestBody(matchingJsonPath("$.filters[0].key", equalTo("q"))));
    }
}
