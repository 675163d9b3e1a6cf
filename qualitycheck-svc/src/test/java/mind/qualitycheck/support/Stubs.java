package mind.qualitycheck.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Stubs of aiagent-svc and ticket-svc answers, scoped by unique agent slugs and ticket ids. */
public final class Stubs {

    private Stubs() {
    }

    /** A long as rest-assured reads it from JSON: an Integer when it fits. */
    public static Object num(long value) {
        return value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    /** A slug no other test uses. */
    public static String slug() {
        return "agent_" + UUID.randomUUID().toString().replace('-', '_').substring(0, 18);
    }

    /** A ticket id no other test uses (in practice). */
    public static long ticketId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    }

    /** aiagent-svc knows the agent by slug and by numeric id. */
    public static void agent(WireMockServer server, long id, String slug, String name) {
        String body = "{\"success\":true,\"id\":" + id + ",\"name\":\"" + name + "\",\"slug\":\"" + slug
                + "\",\"channels\":[\"email\"],\"intelligence\":\"rulebased\"}";
        server.stubFor(get(urlPathEqualTo("/api/mind/aiAgent/" + slug)).willReturn(json(200, body)));
        server.stubFor(get(urlPathEqualTo("/api/mind/aiAgent/" + id)).willReturn(json(200, body)));
    }

    public static void ticket(WireMockServer server, long id) {
        server.stubFor(get(urlPathEqualTo("/api/mind/ticket/" + id)).willReturn(json(200,
                "{\"success\":true,\"id\":" + id + ",\"channel\":\"email\",\"summary\":\"Summary of " + id
                        + "\",\"contractId\":\"C" + id + "\",\"sentiment\":\"neutral\",\"tags\":[3,1],"
                        + "\"aiSupportLevel\":\"human\",\"subject\":\"s\"}")));
    }

    /** The dry run of the agent on the ticket answers with {@code customerOutcomeType}. */
    public static void outcome(WireMockServer server, long agentId, long ticketId, String customerOutcomeType) {
        server.stubFor(post(urlPathEqualTo("/api/mind/aiAgent/outcome"))
                .withRequestBody(matchingJsonPath("$.aiAgentId", equalTo(Long.toString(agentId))))
                .withRequestBody(matchingJsonPath("$.ticketId", equalTo(Long.toString(ticketId))))
                .withRequestBody(matchingJsonPath("$.dryRun", equalTo("true")))
                .willReturn(json(200, outcomeBody(customerOutcomeType))));
    }

    public static String outcomeBody(String customerOutcomeType) {
        return "{\"success\":true,\"error\":null,\"dataOutcome\":{\"iban\":\"DE02120300000000202051\"},"
                + "\"dataOutcomeInfo\":\"IBAN is valid\",\"customerOutcome\":{\"text\":\"Your bank data was changed\"},"
                + "\"customerOutcomeType\":\"" + customerOutcomeType + "\",\"customerOutcomeInfo\":null,"
                + "\"curlRequests\":[{\"method\":\"PATCH\",\"url\":\"https://erp.example/contract\","
                + "\"headers\":{\"Authorization\":\"Bearer erp-secret\"}}]}";
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
