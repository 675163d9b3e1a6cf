package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class TeamResourceTest {

    static final String PATH = "/api/mind/team";

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    static RequestSpecification agent() {
        return given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON);
    }

    static String name() {
        return "Team " + UUID.randomUUID();
    }

    static int create(String body) {
        return admin().body(body).post(PATH).then().statusCode(200).body("success", is(true)).extract().path("id");
    }

    static int profile() {
        return admin().body("{\"email\":\"t-" + UUID.randomUUID() + "@example.com\"}").post("/api/mind/profile")
                .then().statusCode(200).extract().path("id");
    }

    @Test
    void createReadListAndTree() {
        int member = profile();
        String rootName = name();
        int root = create("{\"name\":\"" + rootName + "\",\"description\":\"First level\",\"memberIds\":[" + member + "]}");
        int child = create("{\"name\":\"" + name() + "\",\"parent\":" + root + "}");
        agent().get(PATH + "/" + root).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("success", is(true)).body("id", is(root)).body("name", equalTo(rootName))
                .body("description", equalTo("First level")).body("parent", nullValue())
                .body("memberIds", equalTo(List.of(member)));
        agent().get(PATH + "/list").then().statusCode(200).body("success", is(true))
                .body("teams.id", hasItem(child))
                .body("teams.find { it.id == " + child + " }.parent", is(root));
        agent().get(PATH + "/tree").then().statusCode(200)
                .body("find { it.id == " + root + " }.children.id", equalTo(List.of(child)));
        admin().get("/api/mind/profile/" + member).then().body("settings.teamIds", equalTo(List.of(root)));
        agent().get(PATH + "/999999999").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void validationNamesTheField() {
        admin().body("{\"description\":\"x\"}").post(PATH).then().statusCode(400).body("details[0].field", equalTo("name"));
        admin().body("{\"name\":\"" + name() + "\",\"parent\":999999999}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("parent"));
        admin().body("{\"name\":\"" + name() + "\",\"memberIds\":[999999999]}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("memberIds"));
        String taken = name();
        create("{\"name\":\"" + taken + "\"}");
        admin().body("{\"name\":\"" + taken + "\"}").post(PATH).then().statusCode(409)
                .body("code", equalTo("duplicate")).body("details[0].field", equalTo("name"));
    }

    @Test
    void patchCyclesAndIfMatch() {
        int a = create("{\"name\":\"" + name() + "\"}");
        int b = create("{\"name\":\"" + name() + "\",\"parent\":" + a + "}");
        admin().body("{\"parent\":" + b + "}").patch(PATH + "/" + a).then().statusCode(400)
                .body("details[0].field", equalTo("parent")).body("details[0].message", containsString("cycle"));
        int member = profile();
        String etag = admin().get(PATH + "/" + b).then().extract().header("ETag");
        admin().header("If-Match", etag).body("{\"memberIds\":[" + member + "],\"description\":\"Second\"}")
                .patch(PATH + "/" + b).then().statusCode(200)
                .body("memberIds", equalTo(List.of(member))).body("description", equalTo("Second"));
        admin().header("If-Match", etag).body("{\"name\":\"stale\"}").patch(PATH + "/" + b).then().statusCode(412);
        admin().body("{\"name\":null}").patch(PATH + "/" + b).then().statusCode(400).body("details[0].field", equalTo("name"));
        admin().body("{\"name\":\"x\"}").patch(PATH + "/999999999").then().statusCode(404);
    }

    @Test
    void deleteRefusesSubTeams() {
        int a = create("{\"name\":\"" + name() + "\"}");
        int b = create("{\"name\":\"" + name() + "\",\"parent\":" + a + "}");
        admin().delete(PATH + "/" + a).then().statusCode(409).body("code", equalTo("team_has_children"));
        admin().header("If-Match", "\"42\"").delete(PATH + "/" + b).then().statusCode(412);
        admin().delete(PATH + "/" + b).then().statusCode(200).body("success", is(true));
        admin().delete(PATH + "/" + b).then().statusCode(404);
        admin().delete(PATH + "/" + a).then().statusCode(200);
    }

    @Test
    void membershipChangesGiveTheProfilesThatJoinOrLeaveANewVersion() {
        int first = profile();
        int second = profile();
        int third = profile();
        String firstEtag = profileEtag(first);

        int team = create("{\"name\":\"" + name() + "\",\"memberIds\":[" + first + "]}");
        admin().get("/api/mind/profile/" + first).then().body("settings.teamIds", equalTo(List.of(team)));
        assertNotEquals(firstEtag, profileEtag(first), "joining by POST /team");
        admin().header("If-Match", firstEtag).body("{\"lastName\":\"Stale\"}").patch("/api/mind/profile/" + first)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));

        firstEtag = profileEtag(first);
        String secondEtag = profileEtag(second);
        String thirdEtag = profileEtag(third);
        admin().body("{\"memberIds\":[" + first + "," + second + "]}").patch(PATH + "/" + team).then().statusCode(200);
        admin().get("/api/mind/profile/" + second).then().body("settings.teamIds", equalTo(List.of(team)));
        assertNotEquals(secondEtag, profileEtag(second), "joining by PATCH /team");
        assertEquals(firstEtag, profileEtag(first), "a member who stays keeps its version");
        assertEquals(thirdEtag, profileEtag(third), "a profile outside the team keeps its version");
        admin().header("If-Match", secondEtag).body("{\"lastName\":\"Stale\"}").patch("/api/mind/profile/" + second)
                .then().statusCode(412);

        secondEtag = profileEtag(second);
        admin().body("{\"memberIds\":[" + second + "]}").patch(PATH + "/" + team).then().statusCode(200);
        admin().get("/api/mind/profile/" + first).then().body("settings.teamIds", equalTo(List.of()));
        assertNotEquals(firstEtag, profileEtag(first), "leaving by PATCH /team");
        assertEquals(secondEtag, profileEtag(second));
        admin().header("If-Match", firstEtag).body("{\"lastName\":\"Stale\"}").patch("/api/mind/profile/" + first)
                .then().statusCode(412);

        admin().delete(PATH + "/" + team).then().statusCode(200);
        admin().get("/api/mind/profile/" + second).then().body("settings.teamIds", equalTo(List.of()));
        assertNotEquals(secondEtag, profileEtag(second), "leaving with DELETE /team");
        admin().header("If-Match", secondEtag).body("{\"lastName\":\"Stale\"}").patch("/api/mind/profile/" + second)
                .then().statusCode(412);
    }

    static String profileEtag(int id) {
        return admin().get("/api/mind/profile/" + id).then().statusCode(200).header("ETag", notNullValue())
                .extract().header("ETag");
    }

    @Test
    void onlyAdminsWrite() {
        int a = create("{\"name\":\"" + name() + "\"}");
        for (String token : List.of(TestTokens.agent(7), TestTokens.serviceWorker())) {
            given().header("Authorization", token).contentType(ContentType.JSON).body("{\"name\":\"" + name() + "\"}")
                    .post(PATH).then().statusCode(403);
            given().header("Authorization", token).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                    .patch(PATH + "/" + a).then().statusCode(403);
            given().header("Authorization", token).delete(PATH + "/" + a).then().statusCode(403);
        }
        agent().get(PATH + "/" + a).then().statusCode(200);
    }
}
