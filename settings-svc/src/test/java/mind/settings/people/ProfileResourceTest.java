package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class ProfileResourceTest {

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    static RequestSpecification as(long id, String... groups) {
        return given().header("Authorization", TestTokens.bearer(id, groups)).contentType(ContentType.JSON);
    }

    static String email() {
        return "p-" + UUID.randomUUID() + "@example.com";
    }

    static int tag() {
        return admin().body("{\"name\":\"skill " + UUID.randomUUID() + "\",\"type\":\"skill\"}").post("/api/mind/tag")
                .then().statusCode(200).extract().path("id");
    }

    static int team() {
        return admin().body("{\"name\":\"team " + UUID.randomUUID() + "\"}").post("/api/mind/team")
                .then().statusCode(200).extract().path("id");
    }

    static int createAgent(String body) {
        return admin().body(body).post("/api/mind/profile").then().statusCode(200).body("success", is(true))
                .extract().path("id");
    }

    @Test
    void createAndReadTheContractShape() {
        int skill = tag();
        int team = team();
        String email = email();
        int id = createAgent("{\"email\":\"" + email.toUpperCase() + "\",\"firstName\":\"Max\",\"lastName\":\"Mustermann\","
                + "\"lang\":\"en\",\"settings\":{\"roleId\":2,\"teamIds\":[" + team + "],\"skills\":[" + skill + "],"
                + "\"status\":\"available\"}}");
        as(id, "agent").get("/api/mind/profile/" + id).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("success", is(true))
                .body("id", is(id))
                .body("firstName", equalTo("Max"))
                .body("lastName", equalTo("Mustermann"))
                .body("email", equalTo(email))
                .body("type", equalTo("enneo"))
                .body("lang", equalTo("en"))
                .body("role", equalTo("agent"))
                .body("permissions", hasItems("readTicket", "updateTicket", "executeIntent"))
                .body("permissions", not(hasItem("updateSettings")))
                .body("settings.status", equalTo("available"))
                .body("settings.callRoutingStatus", equalTo("idle"))
                .body("settings.chatRoutingStatus", equalTo("idle"))
                .body("settings.skills", equalTo(List.of(skill)))
                .body("settings.skillMatch", equalTo("AT_LEAST_ONE"))
                .body("settings.teamIds", equalTo(List.of(team)))
                .body("settings.backlogTagRestrictions", equalTo(List.of()))
                .body("$", hasKey("lastSeen"));
        admin().get("/api/mind/team/" + team).then().body("memberIds", equalTo(List.of(id)));
    }

    @Test
    void ownProfileHasNoEmailAndRecordsLastSeen() {
        int id = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"role\":\"admin\"}}");
        as(id, "admin").get("/api/mind/profile").then().statusCode(200)
                .body("id", is(id))
                .body("$", not(hasKey("email")))
                .body("role", equalTo("admin"))
                .body("permissions", hasItems("updateSettings", "readSettingsSecrets", "updateAiAgent"))
                .body("lastSeen", notNullValue());
    }

    @Test
    void callerWithoutAStoredProfileGetsOneFromTheToken() {
        as(424242, "serviceWorker", "updateTicket").get("/api/mind/profile").then().statusCode(200)
                .body("success", is(true))
                .body("id", is(424242))
                .body("role", equalTo("serviceWorker"))
                .body("permissions", hasItems("readTicket", "updateIntent", "updateTicket"))
                .body("settings.status", equalTo("offline"))
                .body("settings.skills", equalTo(List.of()))
                .body("firstName", nullValue())
                .body("$", not(hasKey("email")));
    }

    @Test
    void duplicateEmailIs409NamingEmail() {
        String email = email();
        createAgent("{\"email\":\"" + email + "\"}");
        admin().body("{\"email\":\"" + email.toUpperCase() + "\"}").post("/api/mind/profile").then().statusCode(409)
                .body("code", equalTo("duplicate")).body("details[0].field", equalTo("email"));
    }

    @Test
    void createValidationNamesTheField() {
        admin().body("{\"firstName\":\"x\"}").post("/api/mind/profile").then().statusCode(400)
                .body("details[0].field", equalTo("email"));
        admin().body("{\"email\":\"not-an-email\"}").post("/api/mind/profile").then().statusCode(400)
                .body("details[0].field", equalTo("email"));
        admin().body("{\"email\":\"" + email() + "\",\"settings\":{\"skills\":[999999999]}}").post("/api/mind/profile")
                .then().statusCode(400).body("details[0].field", equalTo("settings.skills"));
        admin().body("{\"email\":\"" + email() + "\",\"settings\":{\"teamIds\":[999999999]}}").post("/api/mind/profile")
                .then().statusCode(400).body("details[0].field", equalTo("settings.teamIds"));
        admin().body("{\"email\":\"" + email() + "\",\"settings\":{\"roleId\":9}}").post("/api/mind/profile")
                .then().statusCode(400).body("details[0].field", equalTo("settings.roleId"));
        admin().body("{\"email\":\"" + email() + "\",\"settings\":{\"status\":\"sleeping\"}}").post("/api/mind/profile")
                .then().statusCode(400).body("details[0].field", equalTo("settings.status"));
        admin().body("{\"email\":\"" + email() + "\",\"settings\":{\"skillMatch\":\"SOME\"}}").post("/api/mind/profile")
                .then().statusCode(400).body("details[0].field", equalTo("settings.skillMatch"));
    }

    @Test
    void onlyAdminsCreateAndDelete() {
        as(7, "agent").body("{\"email\":\"" + email() + "\"}").post("/api/mind/profile").then().statusCode(403);
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"email\":\"" + email() + "\"}").post("/api/mind/profile").then().statusCode(403);
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        as(id, "agent").delete("/api/mind/profile/" + id).then().statusCode(403);
        as(id, "agent").get("/api/mind/profile/" + id).then().statusCode(200);
    }

    @Test
    void teamIdsChangesGiveTheTeamsJoinedOrLeftANewVersion() {
        int a = team();
        int b = team();
        int c = team();
        String aEtag = teamEtag(a);

        int id = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"teamIds\":[" + a + "]}}");
        admin().get("/api/mind/team/" + a).then().body("memberIds", equalTo(List.of(id)));
        assertNotEquals(aEtag, teamEtag(a), "joined by POST /profile");
        admin().header("If-Match", aEtag).body("{\"description\":\"stale\"}").patch("/api/mind/team/" + a)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));

        aEtag = teamEtag(a);
        String bEtag = teamEtag(b);
        String cEtag = teamEtag(c);
        admin().body("{\"settings\":{\"teamIds\":[" + b + "]}}").patch("/api/mind/profile/" + id).then().statusCode(200);
        admin().get("/api/mind/team/" + a).then().body("memberIds", equalTo(List.of()));
        admin().get("/api/mind/team/" + b).then().body("memberIds", equalTo(List.of(id)));
        assertNotEquals(aEtag, teamEtag(a), "left by PATCH /profile");
        assertNotEquals(bEtag, teamEtag(b), "joined by PATCH /profile");
        assertEquals(cEtag, teamEtag(c), "a team the profile neither joined nor left keeps its version");
        admin().header("If-Match", aEtag).body("{\"description\":\"stale\"}").patch("/api/mind/team/" + a)
                .then().statusCode(412);
        admin().header("If-Match", bEtag).body("{\"description\":\"stale\"}").patch("/api/mind/team/" + b)
                .then().statusCode(412);

        bEtag = teamEtag(b);
        admin().body("{\"settings\":{\"teamIds\":[" + b + "]}}").patch("/api/mind/profile/" + id).then().statusCode(200);
        assertEquals(bEtag, teamEtag(b), "staying in a team is no change to it");

        admin().delete("/api/mind/profile/" + id).then().statusCode(200);
        admin().get("/api/mind/team/" + b).then().body("memberIds", equalTo(List.of()));
        assertNotEquals(bEtag, teamEtag(b), "left with DELETE /profile");
        admin().header("If-Match", bEtag).body("{\"description\":\"stale\"}").patch("/api/mind/team/" + b)
                .then().statusCode(412);
    }

    static String teamEtag(int id) {
        return admin().get("/api/mind/team/" + id).then().statusCode(200).header("ETag", notNullValue())
                .extract().header("ETag");
    }

    @Test
    void adminPatchChangesSkillsAndTeamsWithIfMatch() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        int skill = tag();
        int team = team();
        String etag = admin().get("/api/mind/profile/" + id).then().extract().header("ETag");
        String next = admin().header("If-Match", etag)
                .body("{\"lastName\":\"Neu\",\"settings\":{\"skills\":[" + skill + "," + skill + "],\"skillMatch\":\"ALL\","
                        + "\"teamIds\":[" + team + "]}}")
                .patch("/api/mind/profile/" + id).then().statusCode(200)
                .body("lastName", equalTo("Neu"))
                .body("settings.skills", equalTo(List.of(skill)))
                .body("settings.skillMatch", equalTo("ALL"))
                .body("settings.teamIds", equalTo(List.of(team)))
                .extract().header("ETag");
        assertNotEquals(etag, next);
        admin().header("If-Match", etag).body("{\"lastName\":\"Stale\"}").patch("/api/mind/profile/" + id)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        admin().body("{\"settings\":{\"skills\":[999999999]}}").patch("/api/mind/profile/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("settings.skills"));
        admin().body("{\"email\":null}").patch("/api/mind/profile/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("email"));
        admin().body("{\"lastName\":\"x\"}").patch("/api/mind/profile/999999999").then().statusCode(404);

        // a deleted tag leaves the skills
        admin().delete("/api/mind/tag/" + skill).then().statusCode(200);
        admin().get("/api/mind/profile/" + id).then().body("settings.skills", equalTo(List.of()));
    }

    @Test
    void agentMayChangeOnlyItsOwnStatus() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        int other = createAgent("{\"email\":\"" + email() + "\"}");
        as(id, "agent").body("{\"settings\":{\"status\":\"busy\",\"callRoutingStatus\":\"wrapUp\"}}")
                .patch("/api/mind/profile/" + id).then().statusCode(200)
                .body("settings.status", equalTo("busy")).body("settings.callRoutingStatus", equalTo("wrapUp"));
        as(id, "agent").body("{\"settings\":{\"skills\":[]}}").patch("/api/mind/profile/" + id)
                .then().statusCode(403).body("error", containsString("settings.status"));
        as(id, "agent").body("{\"firstName\":\"Me\"}").patch("/api/mind/profile/" + id).then().statusCode(403);
        as(id, "agent").body("{\"settings\":{\"status\":\"busy\"}}").patch("/api/mind/profile/" + other)
                .then().statusCode(403);
        as(id, "agent").body("{\"callRoutingStatus\":\"ringing\"}").patch("/api/mind/profile/" + other + "/routingStatus")
                .then().statusCode(403);
        admin().get("/api/mind/profile/" + other).then().body("settings.status", equalTo("offline"));
    }

    @Test
    void routingStatusWithIfCurrent() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        as(id, "agent").body("{\"callRoutingStatus\":\"ringing\",\"ifCurrent\":\"idle\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(200)
                .header("ETag", notNullValue())
                .body("success", is(true)).body("callRoutingStatus", equalTo("ringing")).body("chatRoutingStatus", equalTo("idle"));
        as(id, "agent").body("{\"callRoutingStatus\":\"inCall\",\"ifCurrent\":\"idle\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(409)
                .body("code", equalTo("routing_status_changed")).body("error", containsString("ringing"));
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"callRoutingStatus\":\"inCall\",\"chatRoutingStatus\":\"busy\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(200)
                .body("callRoutingStatus", equalTo("inCall")).body("chatRoutingStatus", equalTo("busy"));
        as(id, "agent").body("{}").patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(400)
                .body("details[0].field", equalTo("callRoutingStatus"));
        as(id, "agent").body("{\"chatRoutingStatus\":\"dancing\"}").patch("/api/mind/profile/" + id + "/routingStatus")
                .then().statusCode(400).body("details[0].field", equalTo("chatRoutingStatus"));
        admin().body("{\"callRoutingStatus\":\"idle\"}").patch("/api/mind/profile/999999999/routingStatus")
                .then().statusCode(404);
        String etag = admin().get("/api/mind/profile/" + id).then().extract().header("ETag");
        admin().header("If-Match", "\"999\"").body("{\"callRoutingStatus\":\"idle\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(412);
        admin().header("If-Match", etag).body("{\"callRoutingStatus\":\"idle\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(200);
    }

    @Test
    void parallelRoutingClaimsHaveExactlyOneWinner() throws Exception {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        List<Response> responses = Concurrently.run(12, () -> given().header("Authorization", TestTokens.serviceWorker())
                .contentType(ContentType.JSON).body("{\"callRoutingStatus\":\"reserved\",\"ifCurrent\":\"idle\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus"));
        long won = responses.stream().filter(r -> r.statusCode() == 200).count();
        long lost = responses.stream().filter(r -> r.statusCode() == 409).count();
        assertEquals(1, won, responses.stream().map(Response::asString).toList().toString());
        assertEquals(11, lost);
        admin().get("/api/mind/profile/" + id).then().body("settings.callRoutingStatus", equalTo("reserved"));
    }

    @Test
    void listIsABareArrayPagedInIdOrder() {
        int a = createAgent("{\"email\":\"" + email() + "\"}");
        int b = createAgent("{\"email\":\"" + email() + "\"}");
        List<Integer> ids = as(7, "agent").queryParam("limit", 1000).get("/api/mind/profiles").then().statusCode(200)
                .body("[0]", not(hasKey("success")))
                .body("[0]", hasKey("email"))
                .extract().path("id");
        List<Integer> sorted = new java.util.ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids);
        int index = ids.indexOf(a);
        as(7, "agent").queryParam("limit", 1).queryParam("offset", index).get("/api/mind/profiles").then()
                .body("id", equalTo(List.of(a)));
        assertEquals(ids.indexOf(b) > index, true);
        as(7, "agent").queryParam("limit", 0).get("/api/mind/profiles").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
        as(7, "agent").queryParam("offset", -1).get("/api/mind/profiles").then().statusCode(400)
                .body("details[0].field", equalTo("offset"));
    }

    @Test
    void listWithoutLimitAnswersUpTo1000Profiles() {
        // past PageRequest's default of 100: a client that sends no limit must still see them all
        int all = as(7, "agent").queryParam("limit", 1000).get("/api/mind/profiles").then().statusCode(200)
                .extract().path("size()");
        for (int i = all; i < 102; i++) {
            createAgent("{\"email\":\"" + email() + "\"}");
        }
        List<Integer> ids = as(7, "agent").queryParam("limit", 1000).get("/api/mind/profiles").then().statusCode(200)
                .extract().path("id");
        assertTrue(ids.size() > 100, ids.size() + " profiles");
        as(7, "agent").get("/api/mind/profiles").then().statusCode(200).body("id", equalTo(ids));
        as(7, "agent").queryParam("offset", 1).get("/api/mind/profiles").then().statusCode(200)
                .body("id", equalTo(ids.subList(1, ids.size())));
        as(7, "agent").queryParam("limit", 1001).get("/api/mind/profiles").then().statusCode(400)
                .body("details[0].field", equalTo("limit"));
    }

    @Test
    void onlineSummaryCountsStatusesAndTeams() {
        int team = team();
        int a = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"status\":\"available\",\"teamIds\":[" + team + "]}}");
        createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"status\":\"busy\",\"teamIds\":[" + team + "]}}");
        as(a, "agent").get("/api/mind/profiles/onlineSummary").then().statusCode(200)
                .body("success", is(true))
                .body("total", greaterThanOrEqualTo(2))
                .body("status.available", greaterThanOrEqualTo(1))
                .body("status", hasKey("offline"))
                .body("callRoutingStatus", hasKey("idle"))
                .body("chatRoutingStatus", hasKey("inChat"))
                .body("teams.find { it.teamId == " + team + " }.total", is(2))
                .body("teams.find { it.teamId == " + team + " }.status.available", is(1))
                .body("teams.find { it.teamId == " + team + " }.status.busy", is(1))
                .body("teams.find { it.teamId == " + team + " }.status.offline", is(0));
    }

    @Test
    void deleteWithIfMatchAndUnknownIds() {
        int team = team();
        int id = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"teamIds\":[" + team + "]}}");
        admin().header("If-Match", "\"77\"").delete("/api/mind/profile/" + id).then().statusCode(412);
        String etag = admin().get("/api/mind/profile/" + id).then().extract().header("ETag");
        admin().header("If-Match", etag).delete("/api/mind/profile/" + id).then().statusCode(200).body("success", is(true));
        admin().get("/api/mind/profile/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        admin().delete("/api/mind/profile/" + id).then().statusCode(404);
        admin().get("/api/mind/team/" + team).then().body("memberIds", hasSize(0));
    }
}
