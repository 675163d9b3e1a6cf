package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.service.SettingRegistry;

/**
 * The settings registry over HTTP: shapes, filters, search, validation, all-or-nothing writes, If-Match,
 * roles. Each test changes settings no other test of this class reads for their default. Secrets are in
 * SettingsSecretsTest, parallel writers in SettingsConcurrencyTest.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class SettingsResourceTest {

    static final String PATH = "/api/mind/settings";

    static final List<String> SEEDED = List.of("enableAiAgents", "enableAiAutoProcessing", "immediateAiAgents",
            "autoProcessingDelayEnabled", "autoProcessingDelay", "lastAgentRouting", "lastTeamRouting", "autopilotMode",
            "genericTemplateId", "reportingPrivacyLevel", "defaultDateExportFormat", "contractRecognitionCriteria",
            "customerNeededDefault", "executorSecrets", "udfStorage", "ticketRoutingOrder", "ticketLeaseSeconds",
            "acdEnabled", "acdQueues", "acdWrapUpSeconds", "acdMaxWaitSeconds", "acdRingTimeoutSeconds");

    @Inject
    SettingRegistry registry;

    static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    // --- reading ---------------------------------------------------------------------------------

    @Test
    void listIsABareArrayOfEverySeededSettingInNameOrder() {
        Response response = given().header("Authorization", TestTokens.agent(7)).get(PATH);
        response.then().statusCode(200)
                .body("$", hasSize(SEEDED.size()))
                .body("name", hasItems(SEEDED.toArray(String[]::new)));
        List<String> names = response.path("name");
        assertEquals(names.stream().sorted().toList(), names);
        Map<String, Object> one = response.path("find { it.name == 'ticketRoutingOrder' }");
        assertEquals(Map.of("name", "ticketRoutingOrder", "value", "priorityThenSla", "category", "routing", "type", "string",
                "default", "priorityThenSla", "secret", false, "usedBy", List.of("ticket"),
                "description", one.get("description")), one);
        assertTrue(((String) one.get("description")).contains("getLatest"));
    }

    @Test
    void defaultsAndTypesAreSensible() {
        Response response = given().header("Authorization", TestTokens.admin()).get(PATH);
        assertEquals(300, (int) response.path("find { it.name == 'ticketLeaseSeconds' }.default"));
        assertEquals("integer", response.path("find { it.name == 'ticketLeaseSeconds' }.type"));
        assertEquals(List.of(), response.path("find { it.name == 'immediateAiAgents' }.default"));
        assertEquals("array", response.path("find { it.name == 'acdQueues' }.type"));
        assertEquals(List.of("telephony"), response.path("find { it.name == 'acdQueues' }.usedBy"));
        assertEquals(true, response.path("find { it.name == 'executorSecrets' }.secret"));
        assertEquals("ALL", response.path("find { it.name == 'autopilotMode' }.default"));
        response.then().body("find { it.name == 'genericTemplateId' }", hasKey("value"))
                .body("find { it.name == 'genericTemplateId' }.value", nullValue());
    }

    @Test
    void everyDefaultSatisfiesItsOwnSchema() {
        assertEquals(List.of(), registry.invalidDefaults());
    }

    @Test
    void filtersCombine() {
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByCategory", "telephony").get(PATH)
                .then().statusCode(200)
                .body("category", everyItem(equalTo("telephony")))
                .body("name", hasItems("acdEnabled", "acdQueues", "acdWrapUpSeconds", "acdMaxWaitSeconds", "acdRingTimeoutSeconds"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByUsedBy", "telephony").get(PATH)
                .then().statusCode(200)
                .body("name", hasItems("acdQueues", "lastAgentRouting", "contractRecognitionCriteria"))
                .body("name", not(hasItem("ticketLeaseSeconds")));
        given().header("Authorization", TestTokens.agent(7)).urlEncodingEnabled(false)
                .get(PATH + "?filterByName[]=acdEnabled&filterByName[]=lastTeamRouting&filterByCategory=routing")
                .then().statusCode(200).body("name", equalTo(List.of("lastTeamRouting")));
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByName", "acdEnabled,udfStorage").get(PATH)
                .then().statusCode(200).body("name", equalTo(List.of("acdEnabled", "udfStorage")));
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByName", "noSuchSetting").get(PATH)
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void filterByNameMatchesPartOfANameRegardlessOfCase() {
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByName", "routing").get(PATH)
                .then().statusCode(200)
                .body("name", equalTo(List.of("lastAgentRouting", "lastTeamRouting", "ticketRoutingOrder")))
                .header("ETag", nullValue());
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByName", "AUTOPROCESSING").get(PATH)
                .then().statusCode(200)
                .body("name", equalTo(List.of("autoProcessingDelay", "autoProcessingDelayEnabled", "enableAiAutoProcessing")));
        // part of one name only: that setting, with its ETag
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByName", "privacy").get(PATH)
                .then().statusCode(200).body("name", equalTo(List.of("reportingPrivacyLevel"))).header("ETag", notNullValue());
    }

    @Test
    void aFullNameFindsItsSettingAndItsETagEvenWhenOthersContainIt() {
        String etag = given().header("Authorization", TestTokens.admin()).queryParam("filterByName", "autoProcessingDelay")
                .get(PATH).then().statusCode(200)
                .body("name", equalTo(List.of("autoProcessingDelay", "autoProcessingDelayEnabled")))
                .extract().header("ETag");
        given().header("Authorization", TestTokens.admin()).queryParam("filterByName", "autoProcessingDelayEnabled")
                .get(PATH).then().statusCode(200).body("name", equalTo(List.of("autoProcessingDelayEnabled")));
        // the ETag is autoProcessingDelay's: a PUT with it succeeds, and then it is stale
        assertEquals(etag, given().header("Authorization", TestTokens.admin()).get(PATH + "?filterByName=autoProcessingDelay")
                .header("ETag"));
        String next = asAdmin().header("If-Match", etag).body("1.5").put(PATH + "/autoProcessingDelay")
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", TestTokens.admin()).queryParam("filterByName", "autoProcessingDelay").get(PATH)
                .then().header("ETag", next);
        asAdmin().header("If-Match", etag).body("2").put(PATH + "/autoProcessingDelay").then().statusCode(412);
        asAdmin().body("0").put(PATH + "/autoProcessingDelay").then().statusCode(200);
    }

    @Test
    void filterByUsedByCortexSelectsWhatTheAiEngineReads() {
        List<String> aiagent = given().header("Authorization", TestTokens.agent(7)).queryParam("filterByUsedBy", "aiagent")
                .get(PATH).then().statusCode(200).extract().path("name");
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByUsedBy", "cortex").get(PATH)
                .then().statusCode(200)
                .body("name", equalTo(aiagent))
                .body("name", hasItems("enableAiAgents", "executorSecrets"))
                .body("name", not(hasItem("ticketLeaseSeconds")));
    }

    @Test
    void aCategoryNoSettingHasIsAnEmptyListNot404() {
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByCategory", "email").get(PATH)
                .then().statusCode(200).body("$", empty());
        given().header("Authorization", TestTokens.agent(7)).queryParam("filterByCategory", "email")
                .queryParam("filterByName", "routing").get(PATH)
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void otherServicesReadTheirSettingWithAServiceToken() {
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("filterByName", "ticketRoutingOrder").get(PATH)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("$", hasSize(1))
                .body("[0].value", equalTo("priorityThenSla"));
    }

    @Test
    void compactIsNameToValue() {
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().statusCode(200)
                .body("ticketRoutingOrder", equalTo("priorityThenSla"))
                .body("enableAiAgents", is(true))
                .body("executorSecrets", equalTo("********"))
                .body("keySet()", hasSize(SEEDED.size()));
    }

    @Test
    void categoryListsItsSettingsAndAnUnknownOneIs404() {
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/category/reporting")
                .then().statusCode(200)
                .body("name", equalTo(List.of("defaultDateExportFormat", "reportingPrivacyLevel")))
                .body("[0]", hasKey("default"));
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/category/email")
                .then().statusCode(404)
                .body("success", is(false))
                .body("code", equalTo("not_found"))
                .body("error", allOf(containsString("email"), containsString("telephony")));
    }

    // --- search ----------------------------------------------------------------------------------

    @Test
    void searchFindsTheNamedSettingFirst() {
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "last agent routing").get(PATH + "/search")
                .then().statusCode(200)
                .body("[0].name", equalTo("lastAgentRouting"))
                .body("name", hasItem("lastTeamRouting"))
                .body("[0]", hasKey("category"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "lastTeam").get(PATH + "/search")
                .then().statusCode(200).body("[0].name", equalTo("lastTeamRouting"));
        // words of the description, stemmed: "queues" finds acdQueues, "wrap" the wrap-up time
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "queue").get(PATH + "/search")
                .then().statusCode(200).body("[0].name", equalTo("acdQueues"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "privacy").get(PATH + "/search")
                .then().statusCode(200).body("[0].name", equalTo("reportingPrivacyLevel"));
        // the category counts too
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "telephony").get(PATH + "/search")
                .then().statusCode(200).body("name", hasItems("acdEnabled", "acdQueues"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "zzzyyyxxx").get(PATH + "/search")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void searchNeedsABoundedQuery() {
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/search")
                .then().statusCode(400).body("details[0].field", equalTo("q"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", " ").get(PATH + "/search")
                .then().statusCode(400).body("details[0].field", equalTo("q"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "!!! ???").get(PATH + "/search")
                .then().statusCode(400).body("details[0].field", equalTo("q"));
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "a".repeat(201)).get(PATH + "/search")
                .then().statusCode(400).body("details[0].field", equalTo("q"));
        // tsquery syntax in q is only text
        given().header("Authorization", TestTokens.agent(7)).queryParam("q", "routing & ! (:* |").get(PATH + "/search")
                .then().statusCode(200).body("name", hasItem("lastAgentRouting"));
    }

    // --- PUT ---------------------------------------------------------------------------------------

    @Test
    void putStoresTheValueAndAnswersTheNewETag() {
        String etag = asAdmin().body("120").put(PATH + "/ticketLeaseSeconds")
                .then().statusCode(200).body("success", is(true)).extract().header("ETag");
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("filterByName", "ticketLeaseSeconds").get(PATH)
                .then().statusCode(200)
                .header("ETag", etag)
                .body("[0].value", is(120))
                .body("[0].default", is(300));
        asAdmin().body("\"AT_LEAST_ONE\"").put(PATH + "/autopilotMode").then().statusCode(200);
        asAdmin().body("[{\"name\":\"Billing\",\"skills\":[3,4],\"subchannelIds\":[5]}]").put(PATH + "/acdQueues")
                .then().statusCode(200);
        asAdmin().body("null").put(PATH + "/genericTemplateId").then().statusCode(200);
        asAdmin().body("17").put(PATH + "/genericTemplateId").then().statusCode(200);
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().statusCode(200)
                .body("autopilotMode", equalTo("AT_LEAST_ONE"))
                .body("acdQueues[0].name", equalTo("Billing"))
                .body("acdQueues[0].skills", equalTo(List.of(3, 4)))
                .body("genericTemplateId", is(17));
        // unset again: defaultsAndTypesAreSensible reads it as null, whichever test runs first
        asAdmin().body("null").put(PATH + "/genericTemplateId").then().statusCode(200);
    }

    @Test
    void wrongValuesAre400NamingTheSetting() {
        asAdmin().body("\"abc\"").put(PATH + "/acdWrapUpSeconds")
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("acdWrapUpSeconds"))
                .body("details[0].message", containsString("integer"))
                .body("error", containsString("acdWrapUpSeconds"));
        asAdmin().body("4000").put(PATH + "/acdWrapUpSeconds")
                .then().statusCode(400).body("details[0].field", equalTo("acdWrapUpSeconds"));
        asAdmin().body("1.5").put(PATH + "/acdWrapUpSeconds")
                .then().statusCode(400).body("details[0].field", equalTo("acdWrapUpSeconds"));
        asAdmin().body("\"SOME\"").put(PATH + "/autopilotMode")
                .then().statusCode(400)
                .body("details[0].field", equalTo("autopilotMode"))
                .body("details[0].message", allOf(containsString("ALL"), containsString("AT_LEAST_ONE")));
        asAdmin().body("\"true\"").put(PATH + "/acdEnabled")
                .then().statusCode(400).body("details[0].field", equalTo("acdEnabled"));
        asAdmin().body("[{\"skills\":[1]}]").put(PATH + "/acdQueues")
                .then().statusCode(400).body("details[0].field", containsString("acdQueues[0]"));
        asAdmin().body("[{\"name\":\"x\",\"skills\":[\"one\"]}]").put(PATH + "/acdQueues")
                .then().statusCode(400).body("details[0].field", equalTo("acdQueues[0].skills[0]"));
        asAdmin().body("[1, 1]").put(PATH + "/immediateAiAgents")
                .then().statusCode(400).body("details[0].field", equalTo("immediateAiAgents"));
        given().header("Authorization", TestTokens.admin()).get(PATH + "/compact")
                .then().body("acdEnabled", is(false)).body("customerNeededDefault", is(true));
    }

    @Test
    void unknownSettingNameIs404NamingIt() {
        asAdmin().body("1").put(PATH + "/noSuchSetting")
                .then().statusCode(404)
                .body("code", equalTo("not_found"))
                .body("error", containsString("noSuchSetting"));
    }

    @Test
    void bodyThatIsNoJsonValueIs400() {
        asAdmin().body("{\"a\":").put(PATH + "/udfStorage").then().statusCode(400).body("code", equalTo("malformed_json"));
        asAdmin().body("1 2").put(PATH + "/acdWrapUpSeconds").then().statusCode(400).body("code", equalTo("malformed_json"));
        asAdmin().put(PATH + "/acdWrapUpSeconds").then().statusCode(400).body("code", equalTo("malformed_json"));
        asAdmin().body("[1,2]").post(PATH).then().statusCode(400).body("code", equalTo("malformed_json"));
    }

    @Test
    void putHonoursIfMatch() {
        Response read = given().header("Authorization", TestTokens.admin()).queryParam("filterByName", "acdRingTimeoutSeconds").get(PATH);
        String etag = read.header("ETag");
        String next = asAdmin().header("If-Match", etag).body("25").put(PATH + "/acdRingTimeoutSeconds")
                .then().statusCode(200).extract().header("ETag");
        assertEquals(Long.parseLong(etag.replace("\"", "")) + 1, Long.parseLong(next.replace("\"", "")));
        asAdmin().header("If-Match", etag).body("30").put(PATH + "/acdRingTimeoutSeconds")
                .then().statusCode(412)
                .body("code", equalTo("precondition_failed"));
        asAdmin().header("If-Match", "W/" + next).body("30").put(PATH + "/acdRingTimeoutSeconds").then().statusCode(412);
        asAdmin().header("If-Match", "\"" + UUID.randomUUID() + "\"").body("30").put(PATH + "/acdRingTimeoutSeconds").then().statusCode(412);
        given().header("Authorization", TestTokens.admin()).get(PATH + "/compact").then().body("acdRingTimeoutSeconds", is(25));
        asAdmin().header("If-Match", next).body("30").put(PATH + "/acdRingTimeoutSeconds").then().statusCode(200);
        asAdmin().header("If-Match", "*").body("20").put(PATH + "/acdRingTimeoutSeconds").then().statusCode(200);
    }

    @Test
    void putAndPostHonourIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String first = asAdmin().header("Idempotency-Key", key).body("2.5").put(PATH + "/autoProcessingDelay")
                .then().statusCode(200).extract().header("ETag");
        asAdmin().header("Idempotency-Key", key).body("2.5").put(PATH + "/autoProcessingDelay")
                .then().statusCode(200).header("Idempotent-Replayed", "true").header("ETag", first);
        given().header("Authorization", TestTokens.admin()).queryParam("filterByName", "autoProcessingDelay").get(PATH)
                .then().header("ETag", first).body("[0].value", is(2.5f));
        asAdmin().header("Idempotency-Key", key).body("3").put(PATH + "/autoProcessingDelay").then().statusCode(422);

        String postKey = UUID.randomUUID().toString();
        asAdmin().header("Idempotency-Key", postKey).body("{\"autoProcessingDelayEnabled\":true}").post(PATH)
                .then().statusCode(200);
        asAdmin().header("Idempotency-Key", postKey).body("{\"autoProcessingDelayEnabled\":true}").post(PATH)
                .then().statusCode(200).header("Idempotent-Replayed", "true");
        given().header("Authorization", TestTokens.admin()).queryParam("filterByName", "autoProcessingDelayEnabled").get(PATH)
                .then().header("ETag", "\"1\"").body("[0].value", is(true));
    }

    // --- POST ----------------------------------------------------------------------------------------

    @Test
    void postWritesSeveralSettings() {
        asAdmin().body("{\"defaultDateExportFormat\":\"csv\",\"contractRecognitionCriteria\":[\"email\"],\"udfStorage\":{\"counter\":3}}")
                .post(PATH).then().statusCode(200).body("success", is(true));
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().body("defaultDateExportFormat", equalTo("csv"))
                .body("contractRecognitionCriteria", equalTo(List.of("email")))
                .body("udfStorage.counter", is(3));
        asAdmin().body("{}").post(PATH).then().statusCode(200);
    }

    @Test
    void postIsAllOrNothingAndNamesEveryBadKey() {
        asAdmin().body("{\"lastTeamRouting\":true,\"reportingPrivacyLevel\":\"everything\",\"noSuchSetting\":1,"
                        + "\"customerNeededDefault\":\"no\"}")
                .post(PATH).then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details.field", equalTo(List.of("reportingPrivacyLevel", "noSuchSetting", "customerNeededDefault")))
                .body("error", allOf(containsString("reportingPrivacyLevel"), containsString("noSuchSetting")));
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().body("lastTeamRouting", is(false))
                .body("reportingPrivacyLevel", equalTo("pseudonymized"));
    }

    @Test
    void malformedTagKeysAreRefusedAndNothingIsWritten() {
        asAdmin().body("{\"_tag[x].name\":\"y\",\"enableAiAutoProcessing\":true}")
                .post(PATH).then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details.field", equalTo(List.of("_tag[x].name")));
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().body("enableAiAutoProcessing", is(false));
    }

    @Test
    void tagKeysUpdateTheTagInTheSameTransactionAsTheSettings() {
        int tag = asAdmin().body("{\"name\":\"Billing\",\"type\":\"skill\"}").post("/api/mind/tag")
                .then().statusCode(200).extract().path("id");

        asAdmin().body("{\"_tag[" + tag + "].name\":\"Invoices\",\"_tag[" + tag + "].visibility\":\"enabled\","
                + "\"lastTeamRouting\":true}").post(PATH).then().statusCode(200);
        asAdmin().get("/api/mind/tag/" + tag).then().statusCode(200)
                .body("name", equalTo("Invoices")).body("visibility", equalTo("public"));
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().body("lastTeamRouting", is(true));

        // a bad tag value rolls the settings of the same request back
        asAdmin().body("{\"lastTeamRouting\":false,\"_tag[" + tag + "].name\":\"\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("_tag[" + tag + "].name"));
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().body("lastTeamRouting", is(true));
        // an unknown tag too
        asAdmin().body("{\"lastTeamRouting\":false,\"_tag[999999].name\":\"x\"}").post(PATH)
                .then().statusCode(404);
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact")
                .then().body("lastTeamRouting", is(true));
        // other tests of this class expect the default
        asAdmin().body("{\"lastTeamRouting\":false}").post(PATH).then().statusCode(200);
    }

    @Test
    void onlyAnAdminChangesTagsThroughSettings() {
        given().header("Authorization", TestTokens.bearer(5L, "updateAiAgent"))
                .contentType(ContentType.JSON).body("{\"_tag[1].name\":\"x\"}")
                .post(PATH).then().statusCode(403).body("details[0].field", equalTo("_tag[1].name"));
    }

    @Test
    void postBoundsItsKeys() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        asAdmin().body(body.append("}").toString()).post(PATH).then().statusCode(400).body("details[0].field", equalTo("body"));
    }

    // --- roles ---------------------------------------------------------------------------------------

    @Test
    void onlyAdminsChangeSettings() {
        for (String caller : List.of(TestTokens.agent(7), TestTokens.serviceWorker(), TestTokens.bearer(5, "updateAiAgent"))) {
            as(caller).body("true").put(PATH + "/acdEnabled").then().statusCode(403).body("code", equalTo("forbidden"));
            as(caller).body("{\"acdEnabled\":true}").post(PATH).then().statusCode(403).body("code", equalTo("forbidden"));
        }
        as(TestTokens.bearer(5, "updateAiAgent")).body("{\"acdEnabled\":true,\"executorSecrets\":{}}").post(PATH)
                .then().statusCode(403).body("details.field", equalTo(List.of("acdEnabled")));
        given().header("Authorization", TestTokens.agent(7)).get(PATH + "/compact").then().body("acdEnabled", is(false));
    }

    @Test
    void showSecretsNeedsThePermission() {
        for (String caller : List.of(TestTokens.agent(7), TestTokens.serviceWorker())) {
            given().header("Authorization", caller).queryParam("showSecrets", "true").get(PATH)
                    .then().statusCode(403).body("code", equalTo("forbidden")).body("error", containsString("showSecrets"));
            given().header("Authorization", caller).queryParam("showSecrets", "true").get(PATH + "/compact").then().statusCode(403);
            given().header("Authorization", caller).queryParam("showSecrets", "true").get(PATH + "/category/ai").then().statusCode(403);
            given().header("Authorization", caller).queryParam("showSecrets", "true").queryParam("q", "secret")
                    .get(PATH + "/search").then().statusCode(403);
        }
        given().header("Authorization", TestTokens.agent(7)).queryParam("showSecrets", "maybe").get(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("showSecrets"));
    }
}
