package mind.settings.people;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static mind.settings.people.ProfileResourceTest.admin;
import static mind.settings.people.ProfileResourceTest.as;
import static mind.settings.people.ProfileResourceTest.createAgent;
import static mind.settings.people.ProfileResourceTest.email;
import static mind.settings.people.ProfileResourceTest.tag;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.support.TicketStub;

/** GET /profile's tickets and GET /profile/{id}/routing against a stand-in ticket-svc. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketStub.class)
class ProfileTicketsTest {

    @TicketStub.InjectTicket
    WireMockServer ticketSvc;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
    }

    static String rows(long total, long... ids) {
        StringBuilder rows = new StringBuilder();
        for (long id : ids) {
            rows.append(rows.isEmpty() ? "" : ",").append("{\"id\":").append(id).append(",\"status\":\"open\",\"priority\":\"low\"}");
        }
        return "{\"tickets\":[" + rows + "],\"total\":" + total + ",\"offset\":0,\"limit\":20,\"success\":true}";
    }

    static String priority(String p) {
        return "$.filters[?(@.key == 't.priority' && @.values[0] == '" + p + "')]";
    }

    @Test
    void ownProfileListsTheCallersOpenTicketsFromTicketService() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).willReturn(okJson(rows(2, 41, 40))));
        String token = TestTokens.token(id, "agent");
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + token).get("/api/mind/profile").then()
                .statusCode(200)
                .body("id", is(id))
                .body("tickets.id", org.hamcrest.Matchers.equalTo(List.of(41, 40)))
                .body("$", not(hasKey("ticketsUnavailable")));
        ticketSvc.verify(postRequestedFor(urlEqualTo(TicketStub.SEARCH_PATH))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.status' && @.values[0] == 'open')]"))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.agentId' && @.values[0] == " + id + ")]"))
                .withRequestBody(matchingJsonPath("$.orderByField", equalTo("t.id")))
                .withRequestBody(matchingJsonPath("$.orderByDirection", equalTo("desc"))));
    }

    @Test
    void ownProfileIsAnsweredWithoutTicketsWhenTicketServiceFails() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"success\":false,\"error\":\"down\",\"code\":\"unavailable\"}")));
        as(id, "agent").get("/api/mind/profile").then().statusCode(200)
                .body("id", is(id))
                .body("permissions", hasItem("readTicket"))
                .body("tickets", org.hamcrest.Matchers.equalTo(List.of()))
                .body("ticketsUnavailable", is(true));
    }

    @Test
    void routingListsTheQueueInPriorityOrderMatchingTheSkills() {
        int skill = tag();
        int id = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"skills\":[" + skill + "]}}");
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).withRequestBody(matchingJsonPath(priority("urgent")))
                .willReturn(okJson(rows(1, 11))));
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).withRequestBody(matchingJsonPath(priority("high")))
                .willReturn(okJson(rows(0))));
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).withRequestBody(matchingJsonPath(priority("medium")))
                .willReturn(okJson(rows(5, 21))));
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).withRequestBody(matchingJsonPath(priority("low")))
                .willReturn(okJson(rows(2))));
        as(id, "agent").queryParam("limit", 2).queryParam("q", "Zählerstand").get("/api/mind/profile/" + id + "/routing")
                .then().statusCode(200)
                .body("success", is(true))
                .body("profileId", is(id))
                .body("order", org.hamcrest.Matchers.equalTo("priorityThenSla"))
                .body("skills", org.hamcrest.Matchers.equalTo(List.of(skill)))
                .body("tickets.id", org.hamcrest.Matchers.equalTo(List.of(11, 21)))
                .body("total", is(8))
                .body("limit", is(2))
                .body("offset", is(0))
                .body("$", not(hasKey("ticket")));
        // the queue's rule: open, unassigned or the profile's own, one of its skills, by dueBy within a priority
        ticketSvc.verify(4, postRequestedFor(urlEqualTo(TicketStub.SEARCH_PATH))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.status' && @.values[0] == 'open')]"))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.agentId' && @.values[0] == " + id
                        + " && @.values[1] == 'unassigned')]"))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 'tt_matchAny.tagId' && @.values[0] == " + skill + ")]"))
                // nor a ticket another agent holds a live claim on
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.claimedBy' && @.comparator == 'in' && @.values[0] == '"
                        + id + "' && @.values[1] == 'null')]"))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 'q' && @.value == 'Zählerstand')]"))
                .withRequestBody(matchingJsonPath("$.orderByField", equalTo("t.dueBy")))
                .withRequestBody(matchingJsonPath("$.orderByDirection", equalTo("asc"))));
        // urgent filled the first place, so medium was asked for one from its start
        ticketSvc.verify(postRequestedFor(urlEqualTo(TicketStub.SEARCH_PATH)).withRequestBody(matchingJsonPath(priority("medium")))
                .withRequestBody(matchingJsonPath("$.limit", equalTo("1"))).withRequestBody(matchingJsonPath("$.offset", equalTo("0"))));
    }

    @Test
    void routingWithTicketIdSaysWhyATicketWouldNotBeHandedOut() {
        int skill = tag();
        int id = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"skills\":[" + skill + "],\"skillMatch\":\"ALL\"}}");
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).willReturn(okJson(rows(0))));
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.id' && @.values[0] == 99)]"))
                .willReturn(okJson("{\"tickets\":[{\"id\":99,\"status\":\"closed\",\"agentId\":5,\"tagIds\":[]}],\"total\":1,"
                        + "\"offset\":0,\"limit\":1,\"success\":true}")));
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.id' && @.values[0] == 98)]"))
                .willReturn(okJson("{\"tickets\":[{\"id\":98,\"status\":\"open\",\"agentId\":null,\"tagIds\":[" + skill + "]}],"
                        + "\"total\":1,\"offset\":0,\"limit\":1,\"success\":true}")));
        admin().queryParam("ticketId", 99).get("/api/mind/profile/" + id + "/routing").then().statusCode(200)
                .body("skillMatch", org.hamcrest.Matchers.equalTo("ALL"))
                .body("ticket.id", is(99))
                .body("ticket.routable", is(false))
                .body("ticket.reasons[0]", containsString("status is closed"))
                .body("ticket.reasons[1]", containsString("assigned to agent 5"))
                .body("ticket.reasons[2]", containsString("lacks the skills [" + skill + "]"));
        // whether someone else holds a claim: ticket 98 is claimed by nobody else, 96 by another agent
        String claimedByOthers = "$.filters[?(@.key == 't.claimedBy' && @.comparator == 'not in' && @.values[0] == '" + id
                + "' && @.values[1] == 'null')]";
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath(claimedByOthers)).willReturn(okJson(rows(0))));
        String open96 = "{\"tickets\":[{\"id\":96,\"status\":\"open\",\"agentId\":null,\"tagIds\":[" + skill + "]}],"
                + "\"total\":1,\"offset\":0,\"limit\":1,\"success\":true}";
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.id' && @.values[0] == 96)]")).willReturn(okJson(open96)));
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.filters[?(@.key == 't.id' && @.values[0] == 96)]"))
                .withRequestBody(matchingJsonPath(claimedByOthers)).willReturn(okJson(open96)));
        admin().queryParam("ticketId", 98).get("/api/mind/profile/" + id + "/routing").then().statusCode(200)
                .body("ticket.routable", is(true)).body("ticket.reasons", org.hamcrest.Matchers.equalTo(List.of()));
        admin().queryParam("ticketId", 96).get("/api/mind/profile/" + id + "/routing").then().statusCode(200)
                .body("ticket.routable", is(false))
                .body("ticket.reasons", org.hamcrest.Matchers.hasSize(1))
                .body("ticket.reasons[0]", containsString("claimed by another agent"));
        admin().queryParam("ticketId", 97).get("/api/mind/profile/" + id + "/routing").then().statusCode(404)
                .body("error", containsString("Ticket 97"));
    }

    @Test
    void routingIs503WithRetryAfterWhenTicketServiceIsDown() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).willReturn(aResponse().withStatus(503)));
        admin().get("/api/mind/profile/" + id + "/routing").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", is(false))
                .body("error", containsString("ticket-svc"));
    }

    @Test
    void routingRefusesOthersProfilesForAgentsAndBadParameters() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        int other = createAgent("{\"email\":\"" + email() + "\"}");
        ticketSvc.stubFor(post(urlEqualTo(TicketStub.SEARCH_PATH)).willReturn(okJson(rows(0))));
        as(id, "agent").get("/api/mind/profile/" + other + "/routing").then().statusCode(403);
        admin().get("/api/mind/profile/999999999/routing").then().statusCode(404);
        admin().queryParam("q", "x".repeat(201)).get("/api/mind/profile/" + id + "/routing").then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("q"));
        admin().queryParam("limit", 0).get("/api/mind/profile/" + id + "/routing").then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("limit"));
        admin().queryParam("ticketId", 0).get("/api/mind/profile/" + id + "/routing").then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("ticketId"));
        ticketSvc.verify(0, postRequestedFor(urlEqualTo(TicketStub.SEARCH_PATH)));
        // no skills: any ticket, so no tag filter is sent
        as(id, "agent").get("/api/mind/profile/" + id + "/routing").then().statusCode(200);
        ticketSvc.verify(0, postRequestedFor(urlEqualTo(TicketStub.SEARCH_PATH))
                .withRequestBody(matchingJsonPath("$.filters[?(@.key =~ /tt_.*/)]")));
    }
}
