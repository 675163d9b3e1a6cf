package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import mind.common.testing.TestTokens;

/** Stubs of ticket-svc and settings-svc shared by the call lifecycle tests, and a few requests. */
final class CallStubs {

    static final String BASE = "/api/mind/telephony/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CallStubs() {
    }

    /**
     * ticket-svc: creates ticket {@code ticketId}; accepts events, patches and stored conversations; has no ticket to
     * read ({@link #existingTicket} adds one).
     */
    static void ticketSvc(WireMockServer ticketSvc, long ticketId) {
        ticketSvc.stubFor(get(urlPathMatching("/api/mind/ticket/\\d+")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"No such ticket\",\"code\":\"not_found\",\"details\":[]}")));
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket"))
                .willReturn(okJson(TelephonyResourceTest.ticket(ticketId, null, null))));
        ticketSvc.stubFor(post(urlPathMatching("/api/mind/ticket/\\d+/events")).willReturn(okJson("{\"success\":true,\"id\":1}")));
        ticketSvc.stubFor(patch(urlPathMatching("/api/mind/ticket/\\d+")).willReturn(okJson("{\"success\":true}")));
        ticketSvc.stubFor(post(urlPathMatching("/api/mind/ticket/\\d+/conversation/store"))
                .willReturn(okJson("{\"success\":true}")));
    }

    /** ticket-svc has ticket {@code ticketId}, made without any call (an email, a ticket made by hand). */
    static void existingTicket(WireMockServer ticketSvc, long ticketId, String contractId) {
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/" + ticketId)).willReturn(okJson("""
                {"success":true,"id":%d,"channel":"email","status":"open","contractId":%s,"customerId":null,"tags":[]}"""
                .formatted(ticketId, contractId == null ? "null" : "\"" + contractId + "\""))));
    }

    /**
     * settings-svc: agents 42 (skill 46) and 43 (skill 7) at work but in calls in the listing (so native routing
     * leaves waiting calls waiting), 44 offline; profile 42 idle; ACD settings; maxWait as given.
     */
    static void settingsSvc(WireMockServer settingsSvc, int maxWaitSeconds) {
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/profiles")).willReturn(okJson("""
                [{"id":42,"type":"user","settings":{"status":"available","callRoutingStatus":"inCall","skills":[46]}},
                 {"id":43,"type":"user","settings":{"status":"available","callRoutingStatus":"inCall","skills":[7]}},
                 {"id":44,"type":"user","settings":{"status":"offline","callRoutingStatus":"offline","skills":[46]}}]""")));
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/profile/42")).willReturn(okJson("""
                {"success":true,"id":42,"type":"user","settings":{"status":"available","callRoutingStatus":"idle","skills":[46]}}""")));
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/profile/99")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"No profile 99\",\"code\":\"not_found\",\"details\":[]}")));
        settingsSvc.stubFor(get(urlPathEqualTo("/api/mind/settings")).willReturn(okJson("""
                [{"name":"acdEnabled","value":true},
                 {"name":"acdQueues","value":[{"name":"Billing","skills":[46],"subchannelIds":[5]}]},
                 {"name":"acdWrapUpSeconds","value":15},
                 {"name":"acdMaxWaitSeconds","value":%d},
                 {"name":"acdRingTimeoutSeconds","value":25}]""".formatted(maxWaitSeconds))));
        settingsSvc.stubFor(patch(urlPathMatching("/api/mind/profile/\\d+/routingStatus"))
                .willReturn(okJson("{\"success\":true}")));
    }

    /**
     * The activity entries telephony gave ticket-svc for one call, in order: those its ticket's creation carried
     * (found by the call's channelId), then those appended to ticket {@code ticketId} one by one.
     */
    static List<JsonPath> activity(WireMockServer ticketSvc, String channelId, long ticketId) {
        List<JsonPath> entries = new ArrayList<>();
        for (LoggedRequest create : ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket")))) {
            JsonNode draft = read(create.getBodyAsString());
            if (channelId.equals(draft.path("channelId").asText())) {
                draft.path("events").forEach(event -> entries.add(JsonPath.from(event.toString())));
            }
        }
        ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket/" + ticketId + "/events"))).stream()
                .map(r -> JsonPath.from(r.getBodyAsString())).forEach(entries::add);
        return entries;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The types of {@link #activity}. */
    static List<String> activityTypes(WireMockServer ticketSvc, String channelId, long ticketId) {
        return activity(ticketSvc, channelId, ticketId).stream().map(j -> j.getString("type")).toList();
    }

    static Response send(String path, String body) {
        return given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON).body(body)
                .post(BASE + path);
    }

    static Response received(String channelId, String extra) {
        return send("callReceived", "{\"channelId\":\"" + channelId + "\",\"phone\":\"+491234567890\"" + extra + "}");
    }

    static Response connected(long userId, String channelId) {
        return send("agentConnected", "{\"userId\":" + userId + ",\"channelId\":\"" + channelId + "\"}");
    }

    static Response completed(String channelId) {
        return send("callCompleted", """
                {"channelId":"%s","transcript":[{"speaker":"customer","message":"My meter is broken.","timestamp":"2024-01-23T14:32:11Z"}],
                 "duration":300,"totalDurationSeconds":300,"botDurationSeconds":45,"queueDurationSeconds":30,
                 "humanDurationSeconds":225}""".formatted(channelId));
    }
}
