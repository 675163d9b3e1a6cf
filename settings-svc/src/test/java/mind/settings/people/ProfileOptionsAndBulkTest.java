package mind.settings.people;

import static io.restassured.RestAssured.given;
import static mind.settings.people.ProfileResourceTest.admin;
import static mind.settings.people.ProfileResourceTest.as;
import static mind.settings.people.ProfileResourceTest.createAgent;
import static mind.settings.people.ProfileResourceTest.email;
import static mind.settings.people.ProfileResourceTest.tag;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * The profile routes next to the single-profile ones: time-tracking options, analytics roles, the access token,
 * enneo's status aliases, and the two bulk PATCHes.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ProfileOptionsAndBulkTest {

    static final String PROFILES = "/api/mind/profiles";

    @Test
    void timeTrackingStatusOptionsListTheStatusesWithEnneosIdsAsAliases() {
        as(7, "agent").get("/api/mind/profile/timeTrackingStatusOptions").then().statusCode(200)
                .body("success", is(true))
                .body("options.id", equalTo(List.of("available", "busy", "offline")))
                .body("options[0].aliases", equalTo(List.of("active")))
                .body("options[0].availableForCalls", is(true))
                .body("options[1].aliases", equalTo(List.of("offwork", "away")))
                .body("options[1].availableForCalls", is(false))
                .body("options[2].aliases", equalTo(List.of("absent")))
                .body("options[0].label", notNullValue());
        given().get("/api/mind/profile/timeTrackingStatusOptions").then().statusCode(401);
    }

    @Test
    void supersetRolesAreTheConfiguredAnalyticsRolesOfAnExistingProfile() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        as(id, "agent").get("/api/mind/profile/" + id + "/supersetRoles").then().statusCode(200)
                .body("success", is(true)).body("profileId", is(id)).body("roles", equalTo(List.of()));
        admin().get("/api/mind/profile/999999999/supersetRoles").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void showAccessTokenAnswersTheCallersOwnTokenAndNeverAnotherProfiles() {
        String token = TestTokens.token(31337, "agent");
        given().header("Authorization", "Bearer " + token).get("/api/mind/profile/showAccessToken").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("success", is(true))
                .body("token", equalTo(token))
                .body("expiresAt", notNullValue());
        // a browser's session cookie holds the same kind of token
        String cookie = TestTokens.token(31338, "agent");
        given().cookie("connect.sid", cookie).get("/api/mind/profile/showAccessToken").then().statusCode(200)
                .body("token", equalTo(cookie));
        // acting as another profile: that profile's token is not the caller's to see
        int other = createAgent("{\"email\":\"" + email() + "\"}");
        admin().header("X-Enneo-On-Behalf-Of", other).get("/api/mind/profile/showAccessToken").then().statusCode(403)
                .body("token", nullValue()).body("error", containsString("own token"));
        given().get("/api/mind/profile/showAccessToken").then().statusCode(401);
    }

    @Test
    void enneosStatusIdsAndRoutingStatesAreReadAsTheStoredValues() {
        int id = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"status\":\"active\",\"callRoutingStatus\":\"acw\"}}");
        admin().get("/api/mind/profile/" + id).then()
                .body("settings.status", equalTo("available")).body("settings.callRoutingStatus", equalTo("wrapUp"));
        as(id, "agent").body("{\"settings\":{\"status\":\"away\"}}").patch("/api/mind/profile/" + id).then().statusCode(200)
                .body("settings.status", equalTo("busy"));
        as(id, "agent").body("{\"settings\":{\"status\":\"absent\",\"chatRoutingStatus\":\"unavailable\"}}")
                .patch("/api/mind/profile/" + id).then().statusCode(200)
                .body("settings.status", equalTo("offline")).body("settings.chatRoutingStatus", equalTo("busy"));
        // interacting is a call on the call status and a chat on the chat status; ifCurrent reads the same way
        as(id, "agent").body("{\"callRoutingStatus\":\"interacting\",\"chatRoutingStatus\":\"interacting\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(200)
                .body("callRoutingStatus", equalTo("inCall")).body("chatRoutingStatus", equalTo("inChat"));
        as(id, "agent").body("{\"callRoutingStatus\":\"acw\",\"chatRoutingStatus\":\"idle\",\"ifCurrent\":\"interacting\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(200)
                .body("callRoutingStatus", equalTo("wrapUp")).body("chatRoutingStatus", equalTo("idle"));
        as(id, "agent").body("{\"callRoutingStatus\":\"beingConnected\",\"ifCurrent\":\"interacting\"}")
                .patch("/api/mind/profile/" + id + "/routingStatus").then().statusCode(409)
                .body("code", equalTo("routing_status_changed"));
        as(id, "agent").body("{\"settings\":{\"status\":\"sleeping\"}}").patch("/api/mind/profile/" + id).then()
                .statusCode(400).body("details[0].field", equalTo("settings.status"));
        admin().get("/api/mind/profile/" + id).then().body("settings.status", equalTo("offline"))
                .body("settings.callRoutingStatus", equalTo("wrapUp"));
    }

    @Test
    void bulkPatchWritesEachItemOnItsOwnAndReportsEach() {
        int skill = tag();
        int a = createAgent("{\"email\":\"" + email() + "\"}");
        int b = createAgent("{\"email\":\"" + email() + "\"}");
        int c = createAgent("{\"email\":\"" + email() + "\"}");
        admin().body("{\"profiles\":[{\"id\":" + a + ",\"lastName\":\"Eins\",\"settings\":{\"skills\":[" + skill + "]}},"
                + "{\"id\":999999999,\"lastName\":\"Nobody\"},"
                + "{\"id\":" + b + ",\"settings\":{\"status\":\"dancing\"}},"
                + "{\"id\":" + c + ",\"settings\":{\"skills\":[999999999]}},"
                + "{\"lastName\":\"no id\"}]}")
                .patch(PROFILES).then().statusCode(200)
                .body("success", is(false))
                .body("results.id", equalTo(java.util.Arrays.asList(a, 999999999, b, c, null)))
                .body("results.success", equalTo(List.of(true, false, false, false, false)))
                .body("results[1].code", equalTo("not_found"))
                .body("results[2].code", equalTo("validation_failed"))
                .body("results[2].details[0].field", equalTo("settings.status"))
                .body("results[3].details[0].field", equalTo("settings.skills"))
                .body("results[4].details[0].field", equalTo("id"));
        admin().get("/api/mind/profile/" + a).then().body("lastName", equalTo("Eins")).body("settings.skills", equalTo(List.of(skill)));
        admin().get("/api/mind/profile/" + b).then().body("settings.status", equalTo("offline"));
        admin().get("/api/mind/profile/" + c).then().body("settings.skills", equalTo(List.of()));
    }

    @Test
    void atomicBulkPatchWritesNothingWhenOneItemFails() {
        int a = createAgent("{\"email\":\"" + email() + "\",\"lastName\":\"Alt\"}");
        int b = createAgent("{\"email\":\"" + email() + "\"}");
        String taken = email();
        createAgent("{\"email\":\"" + taken + "\"}");
        admin().queryParam("atomic", true)
                .body("{\"profiles\":[{\"id\":" + a + ",\"lastName\":\"Neu\"},{\"id\":" + b + ",\"email\":\"" + taken + "\"}]}")
                .patch(PROFILES).then().statusCode(409)
                .body("success", is(false)).body("code", equalTo("duplicate"))
                .body("details[0].field", equalTo("email"))
                .body("results.code", equalTo(List.of("not_applied", "duplicate")));
        admin().queryParam("atomic", true)
                .body("{\"profiles\":[{\"id\":" + a + ",\"lastName\":\"Neu\"},{\"id\":999999999,\"lastName\":\"x\"}]}")
                .patch(PROFILES).then().statusCode(404).body("results[1].code", equalTo("not_found"));
        admin().get("/api/mind/profile/" + a).then().body("lastName", equalTo("Alt"));
        admin().queryParam("atomic", true)
                .body("{\"profiles\":[{\"id\":" + a + ",\"lastName\":\"Neu\"},{\"id\":" + b + ",\"settings\":{\"status\":\"active\"}}]}")
                .patch(PROFILES).then().statusCode(200).body("success", is(true));
        admin().get("/api/mind/profile/" + a).then().body("lastName", equalTo("Neu"));
        admin().get("/api/mind/profile/" + b).then().body("settings.status", equalTo("available"));
    }

    @Test
    void bulkPatchIsForAdminsAndBounded() {
        int a = createAgent("{\"email\":\"" + email() + "\",\"lastName\":\"Alt\"}");
        as(a, "agent").body("{\"profiles\":[{\"id\":" + a + ",\"settings\":{\"status\":\"busy\"}}]}").patch(PROFILES)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"profiles\":[{\"id\":" + a + ",\"lastName\":\"SW\"}]}").patch(PROFILES).then().statusCode(403);
        admin().get("/api/mind/profile/" + a).then().body("lastName", equalTo("Alt")).body("settings.status", equalTo("offline"));
        admin().body("{\"profiles\":[]}").patch(PROFILES).then().statusCode(400).body("details[0].field", equalTo("profiles"));
        admin().body("{}").patch(PROFILES).then().statusCode(400);
        String many = IntStream.range(0, 101).mapToObj(i -> "{\"id\":" + a + ",\"lastName\":\"Many\"}").collect(Collectors.joining(","));
        admin().body("{\"profiles\":[" + many + "]}").patch(PROFILES).then().statusCode(413).body("code", equalTo("too_many_items"));
        admin().get("/api/mind/profile/" + a).then().body("lastName", equalTo("Alt"));
    }

    @Test
    void bulkRoutingStatusIsConditionalPerItem() {
        int a = createAgent("{\"email\":\"" + email() + "\"}");
        int b = createAgent("{\"email\":\"" + email() + "\",\"settings\":{\"callRoutingStatus\":\"inCall\"}}");
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"profiles\":[{\"id\":" + a + ",\"callRoutingStatus\":\"ringing\",\"ifCurrent\":\"idle\"},"
                        + "{\"id\":" + b + ",\"callRoutingStatus\":\"ringing\",\"ifCurrent\":\"idle\"},"
                        + "{\"id\":999999999,\"callRoutingStatus\":\"idle\"},"
                        + "{\"id\":" + a + ",\"chatRoutingStatus\":\"dancing\"}]}")
                .patch(PROFILES + "/routingStatus").then().statusCode(200)
                .body("success", is(false))
                .body("results.success", equalTo(List.of(true, false, false, false)))
                .body("results[0].callRoutingStatus", equalTo("ringing"))
                .body("results[0].chatRoutingStatus", equalTo("idle"))
                .body("results[1].code", equalTo("routing_status_changed"))
                .body("results[2].code", equalTo("not_found"))
                .body("results[3].details[0].field", equalTo("chatRoutingStatus"));
        admin().get("/api/mind/profile/" + a).then().body("settings.callRoutingStatus", equalTo("ringing"));
        admin().get("/api/mind/profile/" + b).then().body("settings.callRoutingStatus", equalTo("inCall"));

        // an agent sets its own, not another's
        as(a, "agent").body("{\"profiles\":[{\"id\":" + a + ",\"callRoutingStatus\":\"idle\"},{\"id\":" + b
                + ",\"callRoutingStatus\":\"idle\"}]}")
                .patch(PROFILES + "/routingStatus").then().statusCode(200)
                .body("results.success", equalTo(List.of(true, false)))
                .body("results[1].code", equalTo("forbidden"));
        admin().get("/api/mind/profile/" + a).then().body("settings.callRoutingStatus", equalTo("idle"));
        admin().get("/api/mind/profile/" + b).then().body("settings.callRoutingStatus", equalTo("inCall"));
        admin().body("{\"profiles\":[]}").patch(PROFILES + "/routingStatus").then().statusCode(400)
                .body("details[0].field", equalTo("profiles"));
    }

    @Test
    void callerWithoutTicketServiceStillGetsTheProfile() {
        int id = createAgent("{\"email\":\"" + email() + "\"}");
        as(id, "agent").get("/api/mind/profile").then().statusCode(200)
                .body("id", is(id)).body("tickets", equalTo(List.of())).body("ticketsUnavailable", is(true));
    }
}
