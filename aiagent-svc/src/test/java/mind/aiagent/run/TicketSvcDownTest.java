package mind.aiagent.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.aiagent.run.TicketServiceStub.InjectTicketService;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** ticket-svc failing while a ticket is read for a run: 503 with Retry-After, not a 500. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class TicketSvcDownTest {

    @InjectTicketService
    WireMockServer ticketSvc;

    @Test
    void aTicketSvcThatFailsMakesPreviewAnswer503() {
        ticketSvc.resetAll();
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/55")).willReturn(aResponse().withStatus(502)));
        int id = given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"Down\",\"slug\":\"down_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "")
                        + "\",\"settings\":{}}")
                .post("/api/mind/aiAgent").then().statusCode(200).extract().path("id");

        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).queryParam("ticketId", 55)
                .body("{}").post("/api/mind/aiAgent/" + id + "/preview").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("code", is("dependency_unavailable"))
                .body("error", containsString("ticket-svc answered 502"));
    }
}
