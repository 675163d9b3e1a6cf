package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.RolePermissions;

/** Roles: the three fixed base roles and the custom roles an admin defines on top of them. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class RoleResourceTest {

    static final String PATH = "/api/mind/roles";

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    static RequestSpecification agent() {
        return given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON);
    }

    static String name() {
        return "Role " + UUID.randomUUID();
    }

    static int create(String body) {
        return admin().body(body).post(PATH).then().statusCode(200).body("success", is(true)).extract().path("id");
    }

    static List<String> names() {
        return admin().get(PATH).then().statusCode(200).extract().path("roles.name");
    }

    @Test
    void permissionsMayBeSentAsAnObjectOfNameToBoolean() {
        // the shape GET /roles/{id} reports them in: the true ones are granted
        int id = create("{\"name\":\"" + name() + "\",\"baseRoleId\":2,\"permissions\":{\"updateAiAgent\":true,"
                + "\"readTicket\":true,\"deleteTicket\":false}}");
        agent().get(PATH + "/" + id).then().statusCode(200)
                .body("role.permissions", equalTo(List.of("readTicket", "updateAiAgent")));
        admin().body("{\"permissions\":{\"readTicket\":false,\"deleteTicket\":true}}").patch(PATH + "/" + id).then()
                .statusCode(200).body("role.permissions", equalTo(List.of("deleteTicket")));
        admin().body("{\"permissions\":{}}").patch(PATH + "/" + id).then().statusCode(200)
                .body("role.permissions", equalTo(List.of()));
        // a list still works
        admin().body("{\"permissions\":[\"readTicket\"]}").patch(PATH + "/" + id).then().statusCode(200)
                .body("role.permissions", equalTo(List.of("readTicket")));

        String name = name();
        admin().body("{\"name\":\"" + name + "\",\"permissions\":{\"readTicket\":\"yes\"}}").post(PATH).then()
                .statusCode(400).body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("permissions.readTicket"));
        admin().body("{\"name\":\"" + name + "\",\"permissions\":{\"readTicket\":true,\"flyToTheMoon\":true}}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("permissions.flyToTheMoon"))
                .body("details[0].message", containsString("unknown permission"));
        admin().body("{\"permissions\":{\"readTicket\":null}}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("permissions.readTicket"));
        admin().body("{\"permissions\":{\"readTicket\":1}}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("permissions.readTicket"));
        admin().body("{\"permissions\":null}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("permissions"));
        admin().body("{\"permissions\":[\"readTicket\",7]}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("permissions[1]"));
        assertEquals(false, names().contains(name));
        agent().get(PATH + "/" + id).then().statusCode(200).body("role.permissions", equalTo(List.of("readTicket")));
    }

    @Test
    void theBaseRolesAreListedFirstWithTheirFixedPermissions() {
        agent().get(PATH).then().statusCode(200).body("success", is(true))
                .body("roles[0].id", is(1)).body("roles[0].name", equalTo("admin")).body("roles[0].baseRoleId", nullValue())
                .body("roles[0].permissions", equalTo(RolePermissions.of(ProfileRole.admin)))
                .body("roles[1].id", is(2)).body("roles[1].name", equalTo("agent"))
                .body("roles[1].permissions", equalTo(RolePermissions.of(ProfileRole.agent)))
                .body("roles[2].id", is(3)).body("roles[2].name", equalTo("serviceWorker"))
                .body("roles[2].permissions", equalTo(RolePermissions.of(ProfileRole.serviceWorker)))
                .body("roles[0].membersCount", notNullValue())
                .body("roles[0]", org.hamcrest.Matchers.hasKey("baseRoleId"));
        Response admin = agent().get(PATH + "/1");
        admin.then().statusCode(200).header("ETag", notNullValue()).body("success", is(true))
                .body("role.id", is(1)).body("role.name", equalTo("admin")).body("role.baseRoleId", nullValue())
                .body("role.permissionSectionsRenderConfig.id",
                        equalTo(List.of("tickets", "aiAgents", "settings", "profiles", "teams", "tags")))
                .body("role.permissionSectionsRenderConfig.permissions.flatten().value", not(hasItem(false)));
        // every known permission is in exactly one section
        List<String> inSections = admin.path("role.permissionSectionsRenderConfig.permissions.flatten().name");
        assertEquals(RolePermissions.known(), inSections);
        agent().get(PATH + "/2").then().statusCode(200)
                .body("role.permissionSectionsRenderConfig.find { it.id == 'tickets' }.permissions",
                        equalTo(List.of(Map.of("name", "readTicket", "value", true), Map.of("name", "updateTicket", "value", true),
                                Map.of("name", "deleteTicket", "value", false))));
    }

    @Test
    void createReadAndList() {
        String name = name();
        int id = create("{\"name\":\" " + name + " \",\"baseRoleId\":2,\"permissions\":[\"updateAiAgent\",\"readTicket\","
                + "\"readTicket\"]}");
        // stored distinct, in the order of the known permissions, name stripped
        agent().get(PATH + "/" + id).then().statusCode(200).header("ETag", notNullValue())
                .body("success", is(true)).body("role.id", is(id)).body("role.name", equalTo(name))
                .body("role.baseRoleId", is(2)).body("role.membersCount", is(0))
                .body("role.permissions", equalTo(List.of("readTicket", "updateAiAgent")))
                .body("role.permissionSectionsRenderConfig.find { it.id == 'aiAgents' }.permissions.find { it.name == "
                        + "'updateAiAgent' }.value", is(true))
                .body("role.permissionSectionsRenderConfig.find { it.id == 'tickets' }.permissions.find { it.name == "
                        + "'updateTicket' }.value", is(false));
        agent().get(PATH).then().statusCode(200)
                .body("roles.find { it.id == " + id + " }.name", equalTo(name))
                .body("roles.find { it.id == " + id + " }.baseRoleId", is(2))
                .body("roles.find { it.id == " + id + " }.membersCount", is(0))
                .body("roles.find { it.id == " + id + " }.permissions", equalTo(List.of("readTicket", "updateAiAgent")));
    }

    @Test
    void withoutBaseRoleOrPermissionsARoleIsAnAgentWithTheAgentsPermissions() {
        int id = create("{\"name\":\"" + name() + "\"}");
        agent().get(PATH + "/" + id).then().statusCode(200).body("role.baseRoleId", is(2))
                .body("role.permissions", equalTo(RolePermissions.of(ProfileRole.agent)));
        int empty = create("{\"name\":\"" + name() + "\",\"baseRoleId\":3,\"permissions\":[]}");
        agent().get(PATH + "/" + empty).then().statusCode(200).body("role.baseRoleId", is(3))
                .body("role.permissions", equalTo(List.of()));
    }

    @Test
    void badBodiesAre400NamingTheFieldAndWriteNothing() {
        String name = name();
        admin().body("{\"baseRoleId\":2}").post(PATH).then().statusCode(400).body("success", is(false))
                .body("details[0].field", equalTo("name"));
        admin().body("{\"name\":\"" + name + "\",\"baseRoleId\":4}").post(PATH).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("details[0].field", equalTo("baseRoleId"));
        admin().body("{\"name\":\"" + name + "\",\"baseRoleId\":\"two\"}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("baseRoleId"));
        admin().body("{\"name\":\"" + name + "\",\"permissions\":[\"readTicket\",\"flyToTheMoon\"]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("permissions[1]"))
                .body("details[0].message", containsString("flyToTheMoon"));
        admin().body("{\"name\":\"" + name + "\",\"permissions\":\"readTicket\"}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("permissions"));
        assertEquals(false, names().contains(name));

        int id = create("{\"name\":\"" + name() + "\",\"permissions\":[\"readTicket\"]}");
        admin().body("{\"permissions\":[\"readTicket\",\"nope\"]}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("permissions[1]"));
        admin().body("{\"baseRoleId\":0}").patch(PATH + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("baseRoleId"));
        admin().body("{\"name\":null}").patch(PATH + "/" + id).then().statusCode(400).body("details[0].field", equalTo("name"));
        admin().body("{\"name\":\" \"}").patch(PATH + "/" + id).then().statusCode(400).body("details[0].field", equalTo("name"));
        agent().get(PATH + "/" + id).then().statusCode(200).body("role.permissions", equalTo(List.of("readTicket")))
                .body("role.baseRoleId", is(2));
    }

    @Test
    void namesAreUniqueRegardlessOfCaseAlsoAgainstTheBaseRoles() {
        String name = name();
        int id = create("{\"name\":\"" + name + "\"}");
        admin().body("{\"name\":\"" + name.toUpperCase() + "\"}").post(PATH).then().statusCode(409)
                .body("code", equalTo("duplicate")).body("details[0].field", equalTo("name"));
        admin().body("{\"name\":\"Admin\"}").post(PATH).then().statusCode(409).body("details[0].field", equalTo("name"));
        int other = create("{\"name\":\"" + name() + "\"}");
        admin().body("{\"name\":\"" + name + "\"}").patch(PATH + "/" + other).then().statusCode(409)
                .body("details[0].field", equalTo("name"));
        // renaming a role to its own name in another case is no clash
        admin().body("{\"name\":\"" + name.toLowerCase() + "\"}").patch(PATH + "/" + id).then().statusCode(200)
                .body("role.name", equalTo(name.toLowerCase()));
        assertEquals(1, names().stream().filter(n -> n.equalsIgnoreCase(name)).count());
        assertEquals(1, names().stream().filter(n -> n.equalsIgnoreCase("admin")).count());
    }

    @Test
    void onlyAdminsWriteAndReadersNeedABaseRoleOrReadProfiles() {
        int id = create("{\"name\":\"" + name() + "\"}");
        agent().body("{\"name\":\"" + name() + "\"}").post(PATH).then().statusCode(403).body("success", is(false));
        given().header("Authorization", TestTokens.serviceWorker()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name() + "\"}").post(PATH).then().statusCode(403);
        agent().body("{\"name\":\"x\"}").patch(PATH + "/" + id).then().statusCode(403);
        agent().delete(PATH + "/" + id).then().statusCode(403);
        agent().get(PATH + "/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.serviceWorker()).get(PATH).then().statusCode(200);
        // a token with the permission alone may read, one without anything may not
        given().header("Authorization", TestTokens.bearer(880_101, "readProfiles")).get(PATH + "/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(880_102, "readTicket")).get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(401);
        // the refused writes changed nothing
        admin().get(PATH + "/" + id).then().statusCode(200).body("role.id", is(id));
    }

    @Test
    void unknownIdsAre404() {
        admin().get(PATH + "/999999").then().statusCode(404).body("success", is(false)).body("code", equalTo("not_found"));
        admin().body("{\"name\":\"" + name() + "\"}").patch(PATH + "/999999").then().statusCode(404);
        admin().delete(PATH + "/999999").then().statusCode(404);
    }

    @Test
    void baseRolesCannotBeChangedOrDeleted() {
        for (int base = 1; base <= 3; base++) {
            admin().body("{\"name\":\"boss\",\"permissions\":[]}").patch(PATH + "/" + base).then().statusCode(409)
                    .body("code", equalTo("base_role"));
            admin().delete(PATH + "/" + base + "?assignRoleId=2").then().statusCode(409).body("code", equalTo("base_role"));
            // a body of the wrong shape is refused as such first, whatever the role
            admin().body("{\"permissions\":\"not-an-object\"}").patch(PATH + "/" + base).then().statusCode(400)
                    .body("details[0].field", equalTo("permissions"));
        }
        agent().get(PATH + "/1").then().statusCode(200).body("role.name", equalTo("admin"))
                .body("role.permissions", equalTo(RolePermissions.of(ProfileRole.admin)));
        agent().get(PATH + "/2").then().statusCode(200).body("role.name", equalTo("agent"));
    }

    @Test
    void patchChangesOnlyWhatIsSentAndHonoursIfMatch() {
        int id = create("{\"name\":\"" + name() + "\",\"baseRoleId\":2,\"permissions\":[\"readTicket\"]}");
        String etag = admin().get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");
        String renamed = name();
        Response patched = admin().header("If-Match", etag).body("{\"name\":\"" + renamed + "\"}").patch(PATH + "/" + id);
        patched.then().statusCode(200).body("success", is(true)).body("role.name", equalTo(renamed))
                .body("role.baseRoleId", is(2)).body("role.permissions", equalTo(List.of("readTicket")));
        assertNotEquals(etag, patched.header("ETag"));
        // the old ETag is stale now
        admin().header("If-Match", etag).body("{\"permissions\":[]}").patch(PATH + "/" + id).then().statusCode(412);
        admin().header("If-Match", etag).delete(PATH + "/" + id).then().statusCode(412);
        admin().body("{\"baseRoleId\":1,\"permissions\":[\"readTicket\",\"deleteTicket\"]}").patch(PATH + "/" + id)
                .then().statusCode(200).body("role.baseRoleId", is(1))
                .body("role.permissions", equalTo(List.of("readTicket", "deleteTicket"))).body("role.name", equalTo(renamed));
    }

    @Test
    void anEmptyRoleIsDeletedWithoutAssignRoleId() {
        int id = create("{\"name\":\"" + name() + "\"}");
        admin().delete(PATH + "/" + id + "?assignRoleId=seven").then().statusCode(400)
                .body("details[0].field", equalTo("assignRoleId"));
        admin().delete(PATH + "/" + id + "?assignRoleId=999999").then().statusCode(400)
                .body("details[0].field", equalTo("assignRoleId"));
        admin().delete(PATH + "/" + id + "?assignRoleId=" + id).then().statusCode(400)
                .body("details[0].field", equalTo("assignRoleId"));
        admin().get(PATH + "/" + id).then().statusCode(200);
        admin().delete(PATH + "/" + id).then().statusCode(200).body("success", is(true));
        admin().get(PATH + "/" + id).then().statusCode(404);
        List<Integer> ids = new ArrayList<>(admin().get(PATH).then().extract().<List<Integer>>path("roles.id"));
        assertEquals(false, ids.contains(id));
    }

    @Test
    void theOpenApiDocumentDescribesTheRolesWithExamples() {
        Response doc = given().queryParam("format", "json").get("/q/openapi");
        doc.then().statusCode(200);
        String json = "'application/json'";
        for (String op : List.of("'" + PATH + "'.get", "'" + PATH + "'.post", "'" + PATH + "/{id}'.get", "'" + PATH + "/{id}'.patch",
                "'" + PATH + "/{id}'.delete")) {
            assertEquals(true, doc.path("paths." + op + ".responses.'200'.content." + json + ".example") != null, op);
        }
        for (String op : List.of("'" + PATH + "'.post", "'" + PATH + "/{id}'.patch")) {
            assertEquals(true, doc.path("paths." + op + ".requestBody.content." + json + ".example") != null, op);
        }
        assertEquals("Teamleiter", doc.path("paths.'" + PATH + "'.post.requestBody.content." + json + ".example.name"));
        assertEquals("assignRoleId", doc.path("paths.'" + PATH + "/{id}'.delete.parameters.find { it.in == 'query' }.name"));
    }
}
