package mind.aiagent.run;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.aiagent.run.TicketServiceStub.InjectTicketService;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class SimilarTicketsTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @Test
    void searchesTicketSvcWithKeywordsAndNameWordsRankedByRelevance() {
        ticketSvc.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket/search")).willReturn(okJson(
                "{\"success\":true,\"total\":2,\"tickets\":[{\"id\":9,\"subject\":\"Zählerstand\"},{\"id\":3,\"subject\":\"Stand\"}]}")));
        String slug = "similar_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int id = given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"Meter reading\",\"slug\":\"" + slug + "\",\"description\":\"Customer sends a reading\","
                        + "\"settings\":{\"detectionDetails\":{\"keywords\":[\"Zählerstand\",\"meter (reading)\"]}}}")
                .post("/api/mind/aiAgent").then().statusCode(200).extract().path("id");

        given().header("Authorization", TestTokens.agent(3)).queryParam("limit", 5)
                .get("/api/mind/aiAgent/" + id + "/similarTickets").then().statusCode(200)
                .body("id", contains(9, 3));
        ticketSvc.verify(postRequestedFor(urlPathEqualTo("/api/mind/ticket/search"))
                .withRequestBody(matchingJsonPath("$.filters[0].key", equalTo("q")))
                .withRequestBody(matchingJsonPath("$.filters[0].value",
                        equalTo("\"zählerstand\" or \"meter reading\" or meter or reading or customer or sends")))
                .withRequestBody(matchingJsonPath("$.orderByField", equalTo("relevance")))
                .withRequestBody(matchingJsonPath("$.limit", equalTo("5"))));

        given().header("Authorization", TestTokens.admin()).queryParam("limit", 101)
                .get("/api/mind/aiAgent/" + id + "/similarTickets").then().statusCode(400);
        given().header("Authorization", TestTokens.admin()).get("/api/mind/aiAgent/nobody_here/similarTickets")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.admin()).queryParam("limit", 1)
                .get("/api/mind/aiAgent/" + id + "/similarTickets").then().statusCode(200).body("$", hasSize(1));
    }
}
