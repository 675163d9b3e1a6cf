package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
import io.restassured.specification.RequestSpecification;
import mind.common.auth.OnBehalfOf;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.RolePermissions;

/**
 * Profiles with a custom role: role stays the base role, roleId and permissions are the custom role's, and every
 * reader of a profile's permissions (GET /profile/{id}, X-Enneo-On-Behalf-Of, API keys) sees exactly those.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class RoleMembersTest {

    static final String ROLES = "/api/mind/roles";

    @Inject
    AgroalDataSource db;

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    static int role(int baseRoleId, String... permissions) {
        String list = String.join(",", java.util.Arrays.stream(permissions).map(p -> "\"" + p + "\"").toList());
        return admin().body("{\"name\":\"Role " + UUID.randomUUID() + "\",\"baseRoleId\":" + baseRoleId + ",\"permissions\":["
                + list + "]}").post(ROLES).then().statusCode(200).extract().path("id");
    }

    static int profile(String settings) {
        return admin().body("{\"email\":\"r-" + UUID.randomUUID() + "@example.com\",\"firstName\":\"Member\",\"settings\":"
                + settings + "}").post("/api/mind/profile").then().statusCode(200).extract().path("id");
    }

    static Response profileOf(int id) {
        return admin().get("/api/mind/profile/" + id);
    }

    static int membersCount(int roleId) {
        return admin().get(ROLES + "/" + roleId).then().statusCode(200).extract().path("role.membersCount");
    }

    @Test
    void settingsCarryTheRoleAsTheTopLevelDoes() {
        int lead = role(1, "readTicket");
        int custom = profile("{\"roleId\":" + lead + "}");
        profileOf(custom).then().statusCode(200).body("roleId", is(lead)).body("role", equalTo("admin"))
                .body("settings.roleId", is(lead)).body("settings.role", equalTo("admin"));
        int base = profile("{\"roleId\":3}");
        profileOf(base).then().statusCode(200).body("settings.roleId", is(3)).body("settings.role", equalTo("serviceWorker"));
        // the caller's own profile, and the list
        given().header("Authorization", TestTokens.agent(custom)).get("/api/mind/profile").then().statusCode(200)
                .body("settings.roleId", is(lead)).body("settings.role", equalTo("admin"));
        admin().queryParam("limit", 1000).get("/api/mind/profiles").then().statusCode(200)
                .body("find { it.id == " + base + " }.settings.roleId", is(3))
                .body("find { it.id == " + custom + " }.settings.role", equalTo("admin"));
        // a token whose sub has no stored profile: its role from the token
        given().header("Authorization", TestTokens.agent(987_654_321L)).get("/api/mind/profile").then().statusCode(200)
                .body("roleId", is(2)).body("settings.roleId", is(2)).body("settings.role", equalTo("agent"));
    }

    @Test
    void aProfileWithACustomRoleHasItsBaseRoleAndItsPermissions() {
        int lead = role(2, "readTicket", "updateTicket", "readProfiles", "updateTeams");
        int p = profile("{\"roleId\":" + lead + "}");
        profileOf(p).then().statusCode(200).body("role", equalTo("agent")).body("roleId", is(lead))
                .body("permissions", equalTo(List.of("readTicket", "updateTicket", "readProfiles", "updateTeams")));
        admin().get("/api/mind/profiles?limit=1000").then().statusCode(200)
                .body("find { it.id == " + p + " }.roleId", is(lead))
                .body("find { it.id == " + p + " }.permissions", equalTo(List.of("readTicket", "updateTicket", "readProfiles",
                        "updateTeams")));
        assertEquals(1, membersCount(lead));
        admin().get(ROLES).then().body("roles.find { it.id == " + lead + " }.membersCount", is(1));

        // back to a base role by roleId, or by role: the custom role is gone from the profile
        admin().body("{\"settings\":{\"roleId\":3}}").patch("/api/mind/profile/" + p).then().statusCode(200)
                .body("role", equalTo("serviceWorker")).body("roleId", is(3))
                .body("permissions", equalTo(RolePermissions.of(ProfileRole.serviceWorker)));
        admin().body("{\"settings\":{\"roleId\":" + lead + "}}").patch("/api/mind/profile/" + p).then().statusCode(200)
                .body("roleId", is(lead));
        admin().body("{\"settings\":{\"role\":\"agent\"}}").patch("/api/mind/profile/" + p).then().statusCode(200)
                .body("role", equalTo("agent")).body("roleId", is(2))
                .body("permissions", equalTo(RolePermissions.of(ProfileRole.agent)));
        assertEquals(0, membersCount(lead));
        // roleId and role together keep the custom role when they agree, role wins when they do not
        admin().body("{\"settings\":{\"roleId\":" + lead + ",\"role\":\"agent\"}}").patch("/api/mind/profile/" + p).then()
                .statusCode(200).body("roleId", is(lead));
        admin().body("{\"settings\":{\"roleId\":" + lead + ",\"role\":\"admin\"}}").patch("/api/mind/profile/" + p).then()
                .statusCode(200).body("role", equalTo("admin")).body("roleId", is(1));
    }

    @Test
    void profilesWithoutACustomRoleAnswerAsBefore() {
        int p = profile("{\"role\":\"serviceWorker\"}");
        profileOf(p).then().statusCode(200).body("role", equalTo("serviceWorker")).body("roleId", is(3))
                .body("permissions", equalTo(RolePermissions.of(ProfileRole.serviceWorker)));
        int q = profile("{\"roleId\":1}");
        profileOf(q).then().statusCode(200).body("role", equalTo("admin")).body("roleId", is(1))
                .body("permissions", equalTo(RolePermissions.of(ProfileRole.admin)));
    }

    @Test
    void anUnknownRoleIdIs400AndWritesNothing() {
        String email = "r-" + UUID.randomUUID() + "@example.com";
        admin().body("{\"email\":\"" + email + "\",\"settings\":{\"roleId\":999999}}").post("/api/mind/profile")
                .then().statusCode(400).body("details[0].field", equalTo("settings.roleId"));
        List<String> emails = admin().get("/api/mind/profiles?limit=1000").then().extract().path("email");
        assertTrue(!emails.contains(email));
        int p = profile("{\"roleId\":2}");
        admin().body("{\"settings\":{\"roleId\":999999}}").patch("/api/mind/profile/" + p).then().statusCode(400)
                .body("details[0].field", equalTo("settings.roleId"));
        profileOf(p).then().body("roleId", is(2));
    }

    @Test
    void bulkPatchAssignsCustomRolesPerItemOrAtomically() {
        int custom = role(3, "readTicket");
        int a = profile("{\"roleId\":2}");
        int b = profile("{\"roleId\":2}");
        admin().body("{\"profiles\":[{\"id\":" + a + ",\"settings\":{\"roleId\":" + custom + "}},{\"id\":" + b
                + ",\"settings\":{\"roleId\":999999}}]}").patch("/api/mind/profiles").then().statusCode(200)
                .body("success", is(false)).body("results[0].success", is(true)).body("results[1].success", is(false))
                .body("results[1].details[0].field", equalTo("settings.roleId"));
        profileOf(a).then().body("role", equalTo("serviceWorker")).body("roleId", is(custom))
                .body("permissions", equalTo(List.of("readTicket")));
        profileOf(b).then().body("roleId", is(2));
        // atomic: the bad item keeps the good one from being written
        admin().body("{\"profiles\":[{\"id\":" + b + ",\"settings\":{\"roleId\":" + custom + "}},{\"id\":" + a
                + ",\"settings\":{\"roleId\":999999}}]}").patch("/api/mind/profiles?atomic=true").then().statusCode(400)
                .body("results[1].details[0].field", equalTo("settings.roleId"));
        profileOf(b).then().body("roleId", is(2));
        admin().body("{\"profiles\":[{\"id\":" + b + ",\"settings\":{\"roleId\":" + custom + "}}]}")
                .patch("/api/mind/profiles?atomic=true").then().statusCode(200).body("success", is(true));
        profileOf(b).then().body("roleId", is(custom));
        assertEquals(2, membersCount(custom));
    }

    @Test
    void changingARoleChangesItsMembersAndTheirVersions() {
        int custom = role(2, "readTicket");
        int p = profile("{\"roleId\":" + custom + "}");
        String etag = profileOf(p).header("ETag");
        admin().body("{\"name\":\"Renamed " + UUID.randomUUID() + "\"}").patch(ROLES + "/" + custom).then().statusCode(200);
        assertEquals(etag, profileOf(p).header("ETag"), "a new name changes nothing a profile answers");
        admin().body("{\"baseRoleId\":1,\"permissions\":[\"readTicket\",\"readSettingsSecrets\"]}").patch(ROLES + "/" + custom)
                .then().statusCode(200);
        Response after = profileOf(p);
        after.then().body("role", equalTo("admin")).body("roleId", is(custom))
                .body("permissions", equalTo(List.of("readTicket", "readSettingsSecrets")));
        assertNotEquals(etag, after.header("ETag"));
        admin().header("If-Match", etag).body("{\"firstName\":\"Stale\"}").patch("/api/mind/profile/" + p).then().statusCode(412);
    }

    @Test
    void deletingARoleWithMembersNeedsAssignRoleIdAndMovesThemInOneGo() {
        int custom = role(2, "readTicket");
        int target = role(3, "readTags");
        int a = profile("{\"roleId\":" + custom + "}");
        int b = profile("{\"roleId\":" + custom + "}");
        String etag = profileOf(a).header("ETag");
        admin().delete(ROLES + "/" + custom).then().statusCode(409).body("code", equalTo("role_has_members"))
                .body("error", containsString("2 members")).body("details[0].field", equalTo("assignRoleId"))
                .body("details[0].message", containsString("2 members"));
        admin().delete(ROLES + "/" + custom + "?assignRoleId=999999").then().statusCode(400)
                .body("details[0].field", equalTo("assignRoleId"));
        // refused: nothing moved, the role is still there
        assertEquals(2, membersCount(custom));
        profileOf(a).then().body("roleId", is(custom));

        admin().delete(ROLES + "/" + custom + "?assignRoleId=" + target).then().statusCode(200).body("success", is(true));
        admin().get(ROLES + "/" + custom).then().statusCode(404);
        for (int p : List.of(a, b)) {
            profileOf(p).then().body("role", equalTo("serviceWorker")).body("roleId", is(target))
                    .body("permissions", equalTo(List.of("readTags")));
        }
        assertNotEquals(etag, profileOf(a).header("ETag"));
        assertEquals(2, membersCount(target));

        // to a base role: the profiles have it alone
        admin().delete(ROLES + "/" + target + "?assignRoleId=2").then().statusCode(200);
        for (int p : List.of(a, b)) {
            profileOf(p).then().body("role", equalTo("agent")).body("roleId", is(2))
                    .body("permissions", equalTo(RolePermissions.of(ProfileRole.agent)));
        }
    }

    @Test
    void anApiKeyActsWithExactlyTheCustomRolesPermissions() {
        int custom = role(2, "readTicket", "updateAiAgent");
        int p = profile("{\"roleId\":" + custom + "}");
        String key = admin().body("{\"name\":\"CRM\"}").post("/api/mind/jwt/" + p).then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + key).get("/api/mind/jwt/identity").then().statusCode(200)
                .body("profileId", is(p)).body("role", equalTo("agent"))
                .body("permissions", equalTo(List.of("readTicket", "updateAiAgent")));
        given().header("Authorization", "Bearer " + key).get("/api/mind/profile").then().statusCode(200)
                .body("roleId", is(custom)).body("permissions", equalTo(List.of("readTicket", "updateAiAgent")));
        // a change of the role applies to the key's next request
        admin().body("{\"permissions\":[\"readTags\"]}").patch(ROLES + "/" + custom).then().statusCode(200);
        given().header("Authorization", "Bearer " + key).get("/api/mind/jwt/identity").then().statusCode(200)
                .body("permissions", equalTo(List.of("readTags")));
    }

    @Test
    void onBehalfOfActsWithExactlyTheCustomRolesPermissions() {
        int custom = role(1, "readTicket", "readProfiles");
        int p = profile("{\"roleId\":" + custom + "}");
        given().header("Authorization", TestTokens.serviceWorker()).header(OnBehalfOf.HEADER, p).get("/api/mind/jwt/identity")
                .then().statusCode(200).body("profileId", is(p)).body("role", equalTo("admin"))
                .body("permissions", equalTo(List.of("readProfiles", "readTicket")));
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, p).get("/api/mind/profile")
                .then().statusCode(200).body("id", is(p)).body("role", equalTo("admin")).body("roleId", is(custom))
                .body("permissions", equalTo(List.of("readTicket", "readProfiles")));
        // a profile without a custom role: its base role's permissions, as before
        int agent = profile("{\"role\":\"agent\"}");
        List<String> expected = new ArrayList<>(RolePermissions.of(ProfileRole.agent));
        expected.sort(null);
        given().header("Authorization", TestTokens.admin()).header(OnBehalfOf.HEADER, agent).get("/api/mind/jwt/identity")
                .then().statusCode(200).body("role", equalTo("agent")).body("permissions", equalTo(expected));
    }

    /** That many new profiles of the agent role. */
    private static List<Integer> agents(int count) {
        List<Integer> profiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            profiles.add(profile("{\"roleId\":2}"));
        }
        return profiles;
    }

    /** Each profile given the role by its own request, all sent at once when start opens; their statuses. */
    private static List<Future<Integer>> assignOnStart(ExecutorService pool, CountDownLatch start, List<Integer> profiles, int role) {
        List<Future<Integer>> assigned = new ArrayList<>();
        for (int p : profiles) {
            assigned.add(pool.submit(() -> {
                start.await();
                return admin().body("{\"settings\":{\"roleId\":" + role + "}}").patch("/api/mind/profile/" + p).statusCode();
            }));
        }
        return assigned;
    }

    /**
     * Profiles are pointed at a role while it is deleted (moving its members to the agent role): whatever the order,
     * no profile ends with a role that is gone, and each assignment either landed before the delete (and was moved)
     * or was refused with 400 after it.
     */
    @Test
    void deletingARoleWhileProfilesAreAssignedToItLeavesNoneBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                int custom = role(3, "readTicket");
                List<Integer> profiles = agents(6);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> assigned = assignOnStart(pool, start, profiles, custom);
                Callable<Integer> delete = () -> {
                    start.await();
                    return admin().delete(ROLES + "/" + custom + "?assignRoleId=2").statusCode();
                };
                Future<Integer> deleted = pool.submit(delete);
                start.countDown();
                assertEquals(200, deleted.get());
                for (int i = 0; i < profiles.size(); i++) {
                    int status = assigned.get(i).get();
                    assertTrue(status == 200 || status == 400, "assignment answered " + status);
                    // before the delete: moved to the agent role; after it: refused, still an agent
                    profileOf(profiles.get(i)).then().statusCode(200).body("roleId", is(2)).body("role", equalTo("agent"));
                }
                admin().get(ROLES + "/" + custom).then().statusCode(404);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from profile p left join role r on r.id = p.role_id "
                        + "where p.role_id is not null and (r.id is null or r.base_role_id <> case p.role when 'admin' then 1 "
                        + "when 'agent' then 2 else 3 end)")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "profiles pointing at a missing role or disagreeing with its base role");
        }
    }

    /** Without assignRoleId, the delete and the assignments race: either the delete sees members (409) or they see no role. */
    @Test
    void aRefusedDeleteAndLateAssignmentsAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                int custom = role(2, "readTicket");
                List<Integer> profiles = agents(4);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> assigned = assignOnStart(pool, start, profiles, custom);
                Future<Integer> deleted = pool.submit(() -> {
                    start.await();
                    return admin().delete(ROLES + "/" + custom).statusCode();
                });
                start.countDown();
                int deleteStatus = deleted.get();
                long landed = 0;
                for (Future<Integer> f : assigned) {
                    int status = f.get();
                    assertTrue(status == 200 || status == 400, "assignment answered " + status);
                    landed += status == 200 ? 1 : 0;
                }
                if (deleteStatus == 200) {
                    admin().get(ROLES + "/" + custom).then().statusCode(404);
                    for (int p : profiles) {
                        profileOf(p).then().body("roleId", is(2));
                    }
                    assertEquals(0, landed, "an assignment answered 200 for a role that was deleted");
                } else {
                    assertEquals(409, deleteStatus);
                    assertEquals(landed, membersCount(custom));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
