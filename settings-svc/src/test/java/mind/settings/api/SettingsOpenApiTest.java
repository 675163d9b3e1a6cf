package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import mind.common.testing.MindTestResource;

/** The settings operations as the OpenAPI document describes them: paths, parameters, roles, the Setting schema. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class SettingsOpenApiTest {

    static final String PATH = "/api/mind/settings";

    @Test
    void documentDescribesTheSettingsOperations() {
        Response doc = given().queryParam("format", "json").get("/q/openapi");
        doc.then().statusCode(200)
                .body("paths", hasKey(PATH))
                .body("paths", hasKey(PATH + "/compact"))
                .body("paths", hasKey(PATH + "/category/{category}"))
                .body("paths", hasKey(PATH + "/search"))
                .body("paths", hasKey(PATH + "/{settingName}"))
                .body("paths", hasKey(PATH + "/subchannel/{id}"));

        List<String> names = doc.path("paths.'" + PATH + "'.get.parameters.name");
        assertTrue(names.containsAll(List.of("filterByName", "filterByCategory", "filterByUsedBy", "showSecrets")), names.toString());
        assertEquals("array", doc.path("paths.'" + PATH + "'.get.responses.'200'.content.'application/json'.schema.type"));
        assertEquals("#/components/schemas/Setting",
                doc.path("paths.'" + PATH + "'.get.responses.'200'.content.'application/json'.schema.items.'$ref'"));
        Map<String, Object> setting = doc.path("components.schemas.Setting.properties");
        assertTrue(setting.keySet().containsAll(List.of("name", "value", "category", "type", "default", "secret", "usedBy",
                "description")), setting.keySet().toString());

        assertNotNull(doc.path("paths.'" + PATH + "/{settingName}'.put.requestBody"));
        assertNotNull(doc.path("paths.'" + PATH + "'.post.requestBody"));
        List<String> q = doc.path("paths.'" + PATH + "/search'.get.parameters.findAll { it.name == 'q' }.in");
        assertEquals(List.of("query"), q);

        // _tag[ID].field keys are applied (SettingsService.putAll), not refused
        String putAll = doc.path("paths.'" + PATH + "'.post.description");
        assertTrue(putAll.contains("_tag[ID].field") && putAll.contains("PATCH /tag/{id}"), putAll);
        assertTrue(!putAll.contains("not_supported") && !putAll.contains("refused"), putAll);

        // a role's permissions: a list of names or an object of name to boolean, in POST and PATCH alike
        for (String body : List.of("RoleRequest", "RolePatch")) {
            Object permissions = doc.path("components.schemas." + body + ".properties.permissions");
            assertTrue(String.valueOf(permissions).contains("PermissionNames")
                    && String.valueOf(permissions).contains("PermissionFlags"), String.valueOf(permissions));
            // the oneOf stands alone: a $ref beside it would make a validator ignore it
            assertTrue(doc.path("components.schemas." + body + ".properties.permissions.'$ref'") == null,
                    String.valueOf(permissions));
        }
        assertEquals("array", doc.path("components.schemas.PermissionNames.type"));
        assertEquals("object", doc.path("components.schemas.PermissionFlags.type"));
        assertEquals("boolean", doc.path("components.schemas.PermissionFlags.additionalProperties.type"));
    }
}
