package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** API keys: issued once, acting as their profile, refused at once when revoked, expired or altered. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ApiKeyResourceTest {

    @Inject
    AgroalDataSource db;

    static int profile(String role) {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"email\":\"key-" + UUID.randomUUID() + "@example.com\",\"firstName\":\"Keyholder\",\"settings\":{\"role\":\""
                        + role + "\"}}")
                .post("/api/mind/profile").then().statusCode(200).extract().path("id");
    }

    static Response issue(String authorization, int profileId, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/mind/jwt/" + profileId);
    }

    static String key(int profileId) {
        return issue(TestTokens.admin(), profileId, "{\"name\":\"CRM\"}").then().statusCode(200).extract().path("token");
    }

    @Test
    void anIssuedKeyActsAsItsProfileAndTheListNeverShowsIt() {
        int agent = profile("agent");
        String in30Days = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString();
        Response issued = issue(TestTokens.admin(), agent, "{\"name\":\"CRM integration\",\"expiresAt\":\"" + in30Days + "\"}");
        issued.then().statusCode(200).body("success", is(true)).body("token", startsWith("mind_"))
                .body("name", equalTo("CRM integration")).body("expiresAt", equalTo(in30Days + " 00:00:00"));
        String token = issued.path("token");
        int keyId = issued.path("id");
        assertEquals(token.substring(token.length() - 4), issued.path("tokenSuffix"));

        given().header("Authorization", "Bearer " + token).get("/api/mind/profile").then().statusCode(200)
                .body("id", is(agent)).body("role", equalTo("agent")).body("firstName", equalTo("Keyholder"));
        given().header("Authorization", "Bearer " + token).get("/api/mind/jwt/identity").then().statusCode(200)
                .body("profileId", is(agent)).body("role", equalTo("agent")).body("keyId", is(keyId))
                .body("permissions", hasItem("readTicket"));
        // an agent's key has an agent's rights only
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"name\":\"nope\",\"type\":\"skill\"}").post("/api/mind/tag").then().statusCode(403);

        String list = given().header("Authorization", "Bearer " + token).get("/api/mind/jwt/" + agent + "/keys")
                .then().statusCode(200).body("keys[0].id", is(keyId)).body("keys[0].lastUsedAt", notNullValue())
                .body("keys[0].revokedAt", nullValue()).body("keys[0].issuedBy", equalTo("1"))
                .extract().asString();
        assertFalse(list.contains(token.split("_", 3)[2]), list);
        assertFalse(list.contains("token\""), list);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndAnAlteredOneNever() {
        int agent = profile("agent");
        String token = key(agent);
        int keyId = Integer.parseInt(token.split("_")[1]);
        given().header("Authorization", "Bearer " + token).get("/api/mind/profile").then().statusCode(200);

        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        given().header("Authorization", "Bearer " + altered).get("/api/mind/profile").then().statusCode(401)
                .body("code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer mind_" + keyId + "_short").get("/api/mind/profile").then().statusCode(401);
        given().header("Authorization", "Bearer mind_999999_" + token.substring(token.length() - 43))
                .get("/api/mind/profile").then().statusCode(401);

        // the key may revoke itself; from then on it is refused here
        given().header("Authorization", "Bearer " + token).delete("/api/mind/jwt/" + agent + "/keys/" + keyId)
                .then().statusCode(200).body("key.revokedAt", notNullValue());
        given().header("Authorization", "Bearer " + token).get("/api/mind/profile").then().statusCode(401);
        given().header("Authorization", TestTokens.admin()).get("/api/mind/jwt/" + agent + "/keys").then().statusCode(200)
                .body("keys[0].revokedAt", notNullValue());
        // revoking again changes nothing; another profile's key id is not found under this one
        given().header("Authorization", TestTokens.admin()).delete("/api/mind/jwt/" + agent + "/keys/" + keyId)
                .then().statusCode(200);
        given().header("Authorization", TestTokens.admin()).delete("/api/mind/jwt/" + profile("agent") + "/keys/" + keyId)
                .then().statusCode(404);
    }

    @Test
    void anExpiredKeyAndAKeyOfADeletedProfileAreRefused() throws Exception {
        int agent = profile("agent");
        String token = key(agent);
        long keyId = Long.parseLong(token.split("_")[1]);
        given().header("Authorization", "Bearer " + token).get("/api/mind/profile").then().statusCode(200);
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("update api_key set expires_at = now() - interval '1 second' where id = ?")) {
            s.setLong(1, keyId);
            assertEquals(1, s.executeUpdate());
        }
        given().header("Authorization", "Bearer " + token).get("/api/mind/profile").then().statusCode(401);

        int other = profile("admin");
        String adminKey = key(other);
        given().header("Authorization", "Bearer " + adminKey).get("/api/mind/profile").then().statusCode(200)
                .body("role", equalTo("admin"));
        given().header("Authorization", TestTokens.admin()).delete("/api/mind/profile/" + other).then().statusCode(200);
        given().header("Authorization", "Bearer " + adminKey).get("/api/mind/profile").then().statusCode(401);
    }

    @Test
    void whoMayIssueAndWhatIsRefused() {
        int agent = profile("agent");
        int someoneElse = profile("agent");
        String own = TestTokens.agent(agent);
        issue(own, agent, "{\"name\":\"mine\"}").then().statusCode(200);
        issue(own, someoneElse, "{\"name\":\"theirs\"}").then().statusCode(403);
        given().header("Authorization", own).get("/api/mind/jwt/" + someoneElse + "/keys").then().statusCode(403);
        // a key cannot make keys, not even for its own profile
        issue("Bearer " + key(agent), agent, "{\"name\":\"child\"}").then().statusCode(403);

        issue(TestTokens.admin(), agent, "{\"name\":\"\"}").then().statusCode(400).body("details[0].field", equalTo("name"));
        issue(TestTokens.admin(), agent, "{\"name\":\"x\",\"expiresAt\":\"2020-01-01\"}").then().statusCode(400)
                .body("details[0].field", equalTo("expiresAt"));
        issue(TestTokens.admin(), agent, "{\"name\":\"x\",\"expiresAt\":\"2099-01-01\"}").then().statusCode(400)
                .body("details[0].field", equalTo("expiresAt"));
        issue(TestTokens.admin(), agent, "{\"name\":\"x\",\"expiresAt\":\"soon\"}").then().statusCode(400)
                .body("details[0].field", equalTo("expiresAt"));
        issue(TestTokens.admin(), 987_654_321, "{\"name\":\"x\"}").then().statusCode(404);
        // nothing of the refused requests was stored: the profile holds the one key made above plus the key's
        given().header("Authorization", TestTokens.admin()).get("/api/mind/jwt/" + agent + "/keys").then().statusCode(200)
                .body("keys.size()", is(2));
    }

    @Test
    void parallelIssuesNeverPassTheBound() throws Exception {
        int agent = profile("agent");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 56; i++) {
                int n = i;
                calls.add(() -> issue(TestTokens.admin(), agent, "{\"name\":\"k" + n + "\"}").statusCode());
            }
            int ok = 0;
            int full = 0;
            for (Future<Integer> f : pool.invokeAll(calls)) {
                int status = f.get();
                if (status == 200) ok++;
                else if (status == 409) full++;
            }
            assertEquals(50, ok);
            assertEquals(6, full);
        } finally {
            pool.shutdownNow();
        }
        given().header("Authorization", TestTokens.admin()).get("/api/mind/jwt/" + agent + "/keys").then()
                .body("keys.size()", is(50));
    }

    @Test
    void aJwtStillWorksAndIdentityDescribesIt() {
        given().header("Authorization", TestTokens.admin()).get("/api/mind/jwt/identity").then().statusCode(200)
                .body("profileId", is(1)).body("role", equalTo("admin")).body("keyId", nullValue())
                .body("expiresAt", notNullValue());
    }
}
