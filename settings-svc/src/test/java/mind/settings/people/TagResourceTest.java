package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.error.ApiException;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.service.TagService;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class TagResourceTest {

    static final String PATH = "/api/mind/tag";

    @Inject
    TagService tagService;

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    static RequestSpecification agent() {
        return given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON);
    }

    static int create(String body) {
        return admin().body(body).post(PATH).then().statusCode(200).body("success", is(true)).extract().path("id");
    }

    static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createAndReadTheNewerForm() {
        String parentName = unique("Second Level");
        int parent = create("{\"name\":\"" + parentName + "\",\"type\":\"skill\"}");
        int child = create("{\"name\":\"Complaint\",\"type\":\"skill\",\"detectionDetails\":{\"keywords\":[\"angry\"]},"
                + "\"fullName\":\"ignored\",\"parent\":" + parent + ",\"visibility\":\"private\",\"sla\":8}");
        admin().get(PATH + "/" + child).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("success", is(true))
                .body("id", is(child))
                .body("name", equalTo("Complaint"))
                .body("fullName", equalTo(parentName + ": Complaint"))
                .body("parent", is(parent))
                .body("type", equalTo("skill"))
                .body("reference", equalTo("ticket"))
                .body("visibility", equalTo("private"))
                .body("color", equalTo("grey"))
                .body("sla", is(8))
                .body("detectionDetails.keywords", equalTo(List.of("angry")))
                .body("modifiedBy", equalTo("1"))
                .body("modifiedAt", notNullValue());
    }

    @Test
    void createTheOlderForm() {
        int id = create("{\"name\":\"" + unique("Product") + "\",\"reference\":\"contract\",\"type\":\"product\"}");
        agent().get(PATH + "/" + id).then().statusCode(200)
                .body("reference", equalTo("contract")).body("type", equalTo("product")).body("parent", nullValue());
    }

    @Test
    void listFiltersAndFormats() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        int brand = create("{\"name\":\"Brand " + marker + "\",\"type\":\"brand\"}");
        int skill = create("{\"name\":\"Skill " + marker + "\",\"type\":\"skill\",\"detectionDetails\":{\"a\":1}}");
        int disabled = create("{\"name\":\"Off " + marker + "\",\"type\":\"skill\",\"visibility\":\"disabled\"}");

        agent().queryParam("q", marker.toUpperCase()).get(PATH).then().statusCode(200)
                .body("success", is(true))
                .body("tags.id", equalTo(List.of(brand, skill)))
                .body("tags[0].fullName", equalTo("Brand " + marker))
                .body("tags[0]", hasKey("visibility"))
                .body("tags[0]", hasKey("channels"))
                .body("tags[0]", not(hasKey("detectionDetails")));
        agent().queryParam("q", marker).queryParam("type", "skill").queryParam("includeDisabled", true).get(PATH)
                .then().statusCode(200).body("tags.id", equalTo(List.of(skill, disabled)))
                .body("tags.type", everyItem(equalTo("skill")));
        agent().queryParam("q", marker).queryParam("type", "brand,skill").get(PATH)
                .then().statusCode(200).body("tags.id", equalTo(List.of(brand, skill)));
        agent().queryParam("q", marker).queryParam("format", "detection").queryParam("type", "skill").get(PATH)
                .then().statusCode(200).body("tags[0].detectionDetails.a", is(1))
                .body("tags[0]", not(hasKey("channels")));
        agent().queryParam("q", marker).queryParam("format", "compact").get(PATH)
                .then().statusCode(200).body("tags[0].keySet()", equalTo(java.util.Set.of("id", "name", "fullName", "type",
                        "visibility", "parent")));
        agent().queryParam("q", marker).queryParam("format", "full").get(PATH)
                .then().statusCode(200).body("tags[0]", hasKey("modifiedAt")).body("tags[0]", hasKey("testCase"));
        agent().queryParam("q", marker).queryParam("format", "short").get(PATH)
                .then().statusCode(200).body("tags[0]", hasKey("color"));
    }

    @Test
    void badQueryParametersAre400NamingThem() {
        agent().queryParam("detectionFilter", "x").get(PATH).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("details[0].field", equalTo("detectionFilter"));
        agent().queryParam("format", "huge").get(PATH).then().statusCode(400).body("details[0].field", equalTo("format"));
        agent().queryParam("type", "colour").get(PATH).then().statusCode(400).body("details[0].field", equalTo("type"));
        agent().queryParam("includeDisabled", "maybe").get(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("includeDisabled"));
        agent().queryParam("q", "x".repeat(201)).get(PATH).then().statusCode(400).body("details[0].field", equalTo("q"));
    }

    @Test
    void treeIsABareArrayOfRootsWithChildren() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        int root = create("{\"name\":\"Root " + marker + "\",\"type\":\"contractProperty\"}");
        int child = create("{\"name\":\"Child\",\"type\":\"contractProperty\",\"parent\":" + root + "}");
        int grandchild = create("{\"name\":\"Grandchild\",\"type\":\"contractProperty\",\"parent\":" + child + "}");
        int hidden = create("{\"name\":\"Hidden\",\"type\":\"contractProperty\",\"parent\":" + root
                + ",\"visibility\":\"disabled\"}");

        List<Map<String, Object>> tree = agent().queryParam("type", "contractProperty").get(PATH + "/tree")
                .then().statusCode(200).extract().path("findAll { it.id == " + root + " }");
        assertEquals(1, tree.size());
        agent().queryParam("type", "contractProperty").get(PATH + "/tree").then()
                .body("find { it.id == " + root + " }.children.id", equalTo(List.of(child)))
                .body("find { it.id == " + root + " }.children[0].children[0].id", is(grandchild))
                .body("find { it.id == " + root + " }.children[0].children[0].fullName",
                        equalTo("Root " + marker + ": Child: Grandchild"));
        agent().queryParam("type", "contractProperty").queryParam("includeDisabled", true).get(PATH + "/tree").then()
                .body("find { it.id == " + root + " }.children.id", equalTo(List.of(child, hidden)));
    }

    @Test
    void disabledTagIs404UnlessIncludeDisabled() {
        int id = create("{\"name\":\"" + unique("Gone") + "\",\"type\":\"other\",\"visibility\":\"disabled\"}");
        agent().get(PATH + "/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        agent().queryParam("includeDisabled", true).get(PATH + "/" + id).then().statusCode(200)
                .body("visibility", equalTo("disabled"));
        agent().get(PATH + "/999999999").then().statusCode(404).body("success", is(false));
    }

    @Test
    void createValidationNamesTheField() {
        admin().body("{\"type\":\"skill\"}").post(PATH).then().statusCode(400).body("details[0].field", equalTo("name"));
        admin().body("{\"name\":\"x\"}").post(PATH).then().statusCode(400).body("details[0].field", equalTo("type"));
        admin().body("{\"name\":\"x\",\"type\":\"mood\"}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("type")).body("details[0].message", containsString("customerProperty"));
        admin().body("{\"name\":\"x\",\"type\":\"skill\",\"visibility\":\"hidden\"}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("visibility")).body("details[0].message", containsString("public"));
        admin().body("{\"name\":\"x\",\"type\":\"skill\",\"parent\":999999999}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("parent"));
        admin().body("{\"name\":\"x\",\"type\":\"skill\",\"sla\":-1}").post(PATH).then().statusCode(400)
                .body("details[0].field", equalTo("sla"));
        admin().body("{\"name\":\"x\",\"type\":\"skill\",\"detectionDetails\":{\"blob\":\"" + "y".repeat(70_000) + "\"}}")
                .post(PATH).then().statusCode(400).body("details[0].field", equalTo("detectionDetails"));
        admin().body("{\"name\":\"x\",\"type\":\"skill\",\"properties\":[\"other\"]}").post(PATH).then().statusCode(400)
                .body("details[0].field", containsString("properties"));
    }

    @Test
    void agentsAndServiceWorkersMayNotWrite() {
        int id = create("{\"name\":\"" + unique("Guarded") + "\",\"type\":\"skill\"}");
        for (String token : List.of(TestTokens.agent(7), TestTokens.serviceWorker())) {
            given().header("Authorization", token).contentType(ContentType.JSON).body("{\"name\":\"x\",\"type\":\"skill\"}")
                    .post(PATH).then().statusCode(403).body("code", equalTo("forbidden"));
            given().header("Authorization", token).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                    .patch(PATH + "/" + id).then().statusCode(403);
            given().header("Authorization", token).delete(PATH + "/" + id).then().statusCode(403);
        }
        admin().get(PATH + "/" + id).then().statusCode(200).body("name", containsString("Guarded"));
    }

    @Test
    void patchChangesOnlyWhatIsSentAndHonoursIfMatch() {
        int id = create("{\"name\":\"" + unique("Patchable") + "\",\"type\":\"skill\",\"sla\":4,\"priority\":\"high\"}");
        String etag = admin().get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");

        String newEtag = admin().header("If-Match", etag).body("{\"name\":\"Renamed\",\"sla\":null,\"color\":\"red\"}")
                .patch(PATH + "/" + id).then().statusCode(200)
                .body("success", is(true))
                .body("name", equalTo("Renamed"))
                .body("fullName", equalTo("Renamed"))
                .body("sla", nullValue())
                .body("color", equalTo("red"))
                .body("priority", equalTo("high"))
                .extract().header("ETag");
        assertTrue(!etag.equals(newEtag), etag + " vs " + newEtag);

        admin().header("If-Match", etag).body("{\"name\":\"Stale\"}").patch(PATH + "/" + id)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        admin().header("If-Match", etag).delete(PATH + "/" + id).then().statusCode(412);
        admin().get(PATH + "/" + id).then().body("name", equalTo("Renamed"));

        admin().body("{\"name\":null}").patch(PATH + "/" + id).then().statusCode(400).body("details[0].field", equalTo("name"));
        admin().body("{\"type\":\"mood\"}").patch(PATH + "/" + id).then().statusCode(400).body("details[0].field", equalTo("type"));
        admin().body("{\"name\":\"x\"}").patch(PATH + "/999999999").then().statusCode(404);
    }

    @Test
    void parentCyclesAreRejectedNamingParent() {
        int a = create("{\"name\":\"" + unique("A") + "\",\"type\":\"skill\"}");
        int b = create("{\"name\":\"B\",\"type\":\"skill\",\"parent\":" + a + "}");
        int c = create("{\"name\":\"C\",\"type\":\"skill\",\"parent\":" + b + "}");
        admin().body("{\"parent\":" + c + "}").patch(PATH + "/" + a).then().statusCode(400)
                .body("details[0].field", equalTo("parent")).body("details[0].message", containsString("cycle"));
        admin().body("{\"parent\":" + a + "}").patch(PATH + "/" + a).then().statusCode(400)
                .body("details[0].field", equalTo("parent"));
        // moving c to the root and then a below c is fine
        admin().body("{\"parent\":null}").patch(PATH + "/" + c).then().statusCode(200).body("parent", nullValue());
        admin().body("{\"parent\":" + c + "}").patch(PATH + "/" + a).then().statusCode(200)
                .body("fullName", containsString("C: A"));
    }

    @Test
    void deleteRefusesATagWithChildrenAndFreesALeaf() {
        int parent = create("{\"name\":\"" + unique("Parent") + "\",\"type\":\"skill\"}");
        int child = create("{\"name\":\"Leaf\",\"type\":\"skill\",\"parent\":" + parent + "}");
        admin().delete(PATH + "/" + parent).then().statusCode(409).body("code", equalTo("tag_has_children"));
        String etag = admin().get(PATH + "/" + child).then().extract().header("ETag");
        admin().header("If-Match", etag).delete(PATH + "/" + child).then().statusCode(200).body("success", is(true));
        admin().get(PATH + "/" + child).then().statusCode(404);
        admin().delete(PATH + "/" + child).then().statusCode(404);
        admin().delete(PATH + "/" + parent).then().statusCode(200);
    }

    @Test
    void deletingATagGivesEveryProfileThatHadItANewVersion() {
        int kept = create("{\"name\":\"" + unique("Kept") + "\",\"type\":\"skill\"}");
        int gone = create("{\"name\":\"" + unique("Gone") + "\",\"type\":\"skill\"}");
        int skilled = profile("{\"skills\":[" + kept + "," + gone + "]}");
        int restricted = profile("{\"backlogTagRestrictions\":[" + gone + "]}");
        int untouched = profile("{\"skills\":[" + kept + "]}");
        String skilledEtag = profileEtag(skilled);
        String restrictedEtag = profileEtag(restricted);
        String untouchedEtag = profileEtag(untouched);

        admin().delete(PATH + "/" + gone).then().statusCode(200);

        admin().get("/api/mind/profile/" + skilled).then().statusCode(200)
                .body("settings.skills", equalTo(List.of(kept)))
                .body("settings.backlogTagRestrictions", equalTo(List.of()));
        admin().get("/api/mind/profile/" + restricted).then().body("settings.backlogTagRestrictions", equalTo(List.of()));
        assertNotEquals(skilledEtag, profileEtag(skilled));
        assertNotEquals(restrictedEtag, profileEtag(restricted));
        assertEquals(untouchedEtag, profileEtag(untouched), "a profile without the tag keeps its version");
        for (int id : List.of(skilled, restricted)) {
            String stale = id == skilled ? skilledEtag : restrictedEtag;
            admin().header("If-Match", stale).body("{\"lastName\":\"Stale\"}").patch("/api/mind/profile/" + id)
                    .then().statusCode(412).body("code", equalTo("precondition_failed"));
        }
    }

    @Test
    void renamingOrMovingATagGivesEveryTagBelowANewVersion() {
        String rootName = unique("Root");
        int root = create("{\"name\":\"" + rootName + "\",\"type\":\"skill\"}");
        int middle = create("{\"name\":\"Middle\",\"type\":\"skill\",\"parent\":" + root + "}");
        int leaf = create("{\"name\":\"Leaf\",\"type\":\"skill\",\"parent\":" + middle + "}");
        int sibling = create("{\"name\":\"" + unique("Sibling") + "\",\"type\":\"skill\"}");
        String middleEtag = etag(middle);
        String leafEtag = etag(leaf);
        String siblingEtag = etag(sibling);

        // a change that leaves name and parent alone leaves the fullNames below, and so their versions, alone
        admin().body("{\"sla\":3,\"name\":\"" + rootName + "\"}").patch(PATH + "/" + root).then().statusCode(200);
        assertEquals(middleEtag, etag(middle));
        assertEquals(leafEtag, etag(leaf));

        admin().body("{\"name\":\"" + rootName + " renamed\"}").patch(PATH + "/" + root).then().statusCode(200);
        admin().get(PATH + "/" + leaf).then().body("fullName", equalTo(rootName + " renamed: Middle: Leaf"));
        assertNotEquals(middleEtag, etag(middle));
        assertNotEquals(leafEtag, etag(leaf));
        assertEquals(siblingEtag, etag(sibling), "a tag outside the subtree keeps its version");
        admin().header("If-Match", leafEtag).body("{\"sla\":1}").patch(PATH + "/" + leaf)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        admin().header("If-Match", middleEtag).delete(PATH + "/" + middle).then().statusCode(412);

        leafEtag = etag(leaf);
        admin().body("{\"parent\":" + sibling + "}").patch(PATH + "/" + middle).then().statusCode(200);
        admin().get(PATH + "/" + leaf).then().body("fullName", containsString(": Middle: Leaf"))
                .body("fullName", not(containsString(rootName)));
        assertNotEquals(leafEtag, etag(leaf));
        admin().header("If-Match", leafEtag).body("{\"sla\":1}").patch(PATH + "/" + leaf).then().statusCode(412);

        leafEtag = etag(leaf);
        admin().body("{\"parent\":null}").patch(PATH + "/" + middle).then().statusCode(200);
        admin().get(PATH + "/" + leaf).then().body("fullName", equalTo("Middle: Leaf"));
        assertNotEquals(leafEtag, etag(leaf));
    }

    @Test
    void settingsKeysMayChangeATagAgainAfterItsParentWasRenamedInTheSameTransaction() {
        int parent = create("{\"name\":\"" + unique("Parent") + "\",\"type\":\"skill\"}");
        int child = create("{\"name\":\"Child\",\"type\":\"skill\",\"parent\":" + parent + "}");
        String before = etag(child);
        QuarkusTransaction.requiringNew().run(() -> {
            tagService.updateField(child, "sla", IntNode.valueOf(2));
            tagService.updateField(parent, "name", TextNode.valueOf(unique("Renamed")));
            tagService.updateField(child, "color", TextNode.valueOf("red"));
        });
        admin().get(PATH + "/" + child).then().statusCode(200).body("sla", is(2)).body("color", equalTo("red"))
                .body("fullName", containsString("Renamed"));
        assertNotEquals(before, etag(child));
    }

    static String etag(int id) {
        return admin().get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    static int profile(String settings) {
        return admin().body("{\"email\":\"tag-" + UUID.randomUUID() + "@example.com\",\"settings\":" + settings + "}")
                .post("/api/mind/profile").then().statusCode(200).extract().path("id");
    }

    static String profileEtag(int id) {
        return admin().get("/api/mind/profile/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void updateFieldAppliesOneSettingsKeyInsideTheCallersTransaction() {
        int id = create("{\"name\":\"" + unique("Via settings") + "\",\"type\":\"skill\",\"visibility\":\"disabled\"}");
        QuarkusTransaction.requiringNew().run(() -> {
            tagService.updateField(id, "name", TextNode.valueOf("From settings"));
            tagService.updateField(id, "visibility", TextNode.valueOf("enabled"));
            tagService.updateField(id, "sla", IntNode.valueOf(12));
        });
        agent().get(PATH + "/" + id).then().statusCode(200)
                .body("name", equalTo("From settings")).body("visibility", equalTo("public")).body("sla", is(12));

        ApiException unknown = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> tagService.updateField(id, "colour", TextNode.valueOf("red"))));
        assertEquals("_tag[" + id + "].colour", unknown.details().get(0).field());
        ApiException wrongType = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> tagService.updateField(id, "sla", TextNode.valueOf("soon"))));
        assertEquals("_tag[" + id + "].sla", wrongType.details().get(0).field());
        ApiException cleared = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> tagService.updateField(id, "name", NullNode.getInstance())));
        assertEquals("_tag[" + id + "].name", cleared.details().get(0).field());

        // all-or-nothing: a failing second key rolls back the first
        org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            tagService.updateField(id, "name", TextNode.valueOf("Never seen"));
            tagService.updateField(id, "parent", IntNode.valueOf(id));
        }));
        agent().get(PATH + "/" + id).then().body("name", equalTo("From settings"));
    }

    @Test
    void idempotencyKeyReplaysTheCreate() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"" + unique("Once") + "\",\"type\":\"skill\"}";
        int first = admin().header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(200).extract().path("id");
        admin().header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", is(first));
    }

    @Test
    void listShowsEveryTagOnceWithItsType() {
        int id = create("{\"name\":\"" + unique("Listed") + "\",\"type\":\"customerProperty\"}");
        agent().get(PATH).then().statusCode(200).body("tags.id", hasItem(id));
    }
}
