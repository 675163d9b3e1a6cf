package mind.aiagent.run;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

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
class AgentTreeTest {

    @InjectTicketService
    WireMockServer settingsSvc;

    @Test
    void agentsHangUnderTheirSkillTagsNestedByParent() {
        settingsSvc.resetAll();
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/tag")).willReturn(okJson("""
                {"success":true,"tags":[
                  {"id":9001,"name":"Billing","fullName":"Billing","type":"skill","visibility":"public","parent":null},
                  {"id":9002,"name":"Bank","fullName":"Billing: Bank","type":"skill","visibility":"public","parent":9001},
                  {"id":9003,"name":"Other","fullName":"Other","type":"skill","visibility":"public","parent":null}]}""")));
        String word = "tree" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int bank = given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + word + " bank\",\"tagId\":9002}").post("/api/mind/aiAgent").then().statusCode(200)
                .extract().path("id");
        int loose = given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + word + " loose\"}").post("/api/mind/aiAgent").then().statusCode(200)
                .extract().path("id");

        given().header("Authorization", TestTokens.agent(2)).queryParam("q", word).queryParam("format", "short")
                .get("/api/mind/aiAgents/tree").then().statusCode(200)
                .body("aiAgentsTree.id", contains(9001, 9003, null))
                .body("aiAgentsTree[0].children[0].id", is(9002))
                .body("aiAgentsTree[0].children[0].fullName", is("Billing: Bank"))
                .body("aiAgentsTree[0].children[0].aiAgents.id", contains(bank))
                .body("aiAgentsTree[0].aiAgents.size()", is(0))
                .body("aiAgentsTree[2].name", is("Without skill"))
                .body("aiAgentsTree[2].aiAgents.id", hasItem(loose))
                .body("aiAgentsTree[1].parent", nullValue());
        settingsSvc.verify(getRequestedFor(urlPathEqualTo("/api/mind/tag")).withQueryParam("type", equalTo("skill")));
    }
}
