package mind.qualitycheck.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.http.ContentType;
import mind.common.testing.TestTokens;

/** An agent with test cases, made over HTTP against the stubbed services. */
public record Fixture(long agentId, String slug, List<Long> ticketIds, List<Integer> caseIds) {

    /**
     * An agent with {@code cases} test cases; each expects outcome type {@code expectedType}, and the
     * agent's dry run answers {@code actualType} on each ticket.
     */
    public static Fixture of(WireMockServer services, int cases, String expectedType, String actualType) {
        long agentId = Stubs.ticketId();
        String slug = Stubs.slug();
        Stubs.agent(services, agentId, slug, "Agent " + slug);
        List<Long> tickets = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            long ticketId = Stubs.ticketId();
            Stubs.ticket(services, ticketId);
            Stubs.outcome(services, agentId, ticketId, actualType);
            tickets.add(ticketId);
            ids.add(given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"ticketId\":" + ticketId + ",\"aiAgentId\":\"" + slug
                            + "\",\"expectedResult\":{\"outcomeType\":{\"" + slug + "\":\"" + expectedType
                            + "\"},\"sentiment\":\"neutral\"}}")
                    .post("/api/mind/aiQualityCheck/testCase").then().statusCode(200).extract().path("testCase.id"));
        }
        return new Fixture(agentId, slug, tickets, ids);
    }

    /** Schedules a run of the agent; its id. */
    public int schedule() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"aiAgentId\":\"" + slug + "\",\"description\":\"nightly\"}")
                .post("/api/mind/aiQualityCheck/testRun").then().statusCode(200).extract().path("testRun.id");
    }
}
