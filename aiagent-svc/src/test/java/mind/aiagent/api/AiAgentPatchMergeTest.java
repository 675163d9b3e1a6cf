package mind.aiagent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * {@code PATCH /aiAgent/{id}} with plain {@code settings}/{@code appearance} objects: a deep merge into the stored
 * agent, never a replacement (enneo: "fields optional, partial update"), together with the dotted keys, the
 * executor secrets, validation and the {@code AiAgentChanged} event's fields. Real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class AiAgentPatchMergeTest {

    static final String ONE = "/api/mind/aiAgent";
    static final String SECRET = "sk-live-merge-777";
    static final ObjectMapper JSON = new ObjectMapper();

    /** All five settings keys filled, a secret in the executor. */
    static final String FULL = """
            {"executor":[{"id":1,"type":"sourceCode","language":"python311","code":"print(1)",
                          "settings":{"apiKey":"%s","url":"https://crm.example"}}],
             "parameters":[{"key":"meterNumber","name":"Meter number","type":"string","source":"pattern",
                            "pattern":"(?i)meter[: ]+([A-Z0-9-]{4,})","required":true}],
             "responseCases":[{"id":"ok","condition":"meterNumber != ''",
                               "output":{"type":"reply","text":"Meter {meterNumber} noted."}}],
             "detectionDetails":{"keywords":["meter","reading"],"threshold":0.5},
             "personality":{"style":"friendly","formality":"formal"}}""".formatted(SECRET);

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static int create(String extra) {
        String slug = "merge_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return asAdmin().body("{\"name\":\"Merge\",\"slug\":\"" + slug + "\",\"appearance\":{\"avatar\":\"bank.png\","
                + "\"colors\":{\"fg\":\"black\",\"bg\":\"white\"}},\"settings\":" + FULL + extra + "}")
                .post(ONE).then().statusCode(200).extract().path("id");
    }

    private static void patch(int id, String body) {
        asAdmin().body(body).patch(ONE + "/" + id).then().statusCode(200).body("success", is(true));
    }

    @Test
    void aPlainSettingsObjectWithOnlyExecutorsKeepsEverythingElse() {
        int id = create("");
        patch(id, """
                {"settings":{"executor":[{"type":"sourceCode","language":"node20","code":"console.log(2)"}]}}""");

        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                // the array is replaced whole: the old executor's id and settings are gone
                .body("settings.executor", org.hamcrest.Matchers.hasSize(1))
                .body("settings.executor[0].language", equalTo("node20"))
                .body("settings.executor[0].code", equalTo("console.log(2)"))
                .body("settings.executor[0]", not(hasKey("id")))
                .body("settings.executor[0]", not(hasKey("settings")))
                // the rest of settings is as stored
                .body("settings.parameters[0].key", equalTo("meterNumber"))
                .body("settings.responseCases[0].id", equalTo("ok"))
                .body("settings.detectionDetails.keywords", contains("meter", "reading"))
                .body("settings.personality.style", equalTo("friendly"))
                .body("settings.personality.formality", equalTo("formal"))
                .body("appearance.avatar", equalTo("bank.png"))
                .body("name", equalTo("Merge"));
    }

    @Test
    void objectsMergeKeyByKeyAndNullRemovesAKey() {
        int id = create("");
        patch(id, """
                {"settings":{"personality":{"style":"calm","tone":"warm","formality":null},
                             "detectionDetails":{"threshold":0.8,"extra":{"a":1}}},
                 "appearance":{"colors":{"bg":"navy"},"badge":"new"}}""");
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.personality.style", equalTo("calm"))
                .body("settings.personality.tone", equalTo("warm"))
                .body("settings.personality", not(hasKey("formality")))
                .body("settings.detectionDetails.keywords", contains("meter", "reading"))
                .body("settings.detectionDetails.threshold", equalTo(0.8f))
                .body("settings.detectionDetails.extra.a", is(1))
                .body("settings.parameters[0].key", equalTo("meterNumber"))
                .body("settings.executor[0].code", equalTo("print(1)"))
                .body("appearance.avatar", equalTo("bank.png"))
                .body("appearance.colors.fg", equalTo("black"))
                .body("appearance.colors.bg", equalTo("navy"))
                .body("appearance.badge", equalTo("new"));

        // null on one of the five settings keys clears it to its empty value; on another key removes it
        patch(id, "{\"settings\":{\"detectionDetails\":null,\"parameters\":null,\"responseCases\":[]},"
                + "\"appearance\":{\"badge\":null}}");
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.detectionDetails", anEmptyMap())
                .body("settings.parameters", empty())
                .body("settings.responseCases", empty())
                .body("settings.personality.tone", equalTo("warm"))
                .body("settings.executor[0].code", equalTo("print(1)"))
                .body("appearance", not(hasKey("badge")))
                .body("appearance.avatar", equalTo("bank.png"));
    }

    @Test
    void theDocumentedExampleBodyWithEmptyObjectsLosesNothing() {
        int id = create("");
        patch(id, """
                {"id":%d,"tagId":41,"channels":["all"],"name":"Change bank data (Code)",
                 "description":"Customer wants to change his bank data","appearance":{},"exampleTicketIds":[8,26],
                 "settings":{}}""".formatted(id));
        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id).then().statusCode(200)
                .body("name", equalTo("Change bank data (Code)"))
                .body("tagId", is(41))
                .body("exampleTicketIds", contains(8, 26))
                .body("appearance.avatar", equalTo("bank.png"))
                .body("settings.executor[0].settings.apiKey", equalTo(SECRET))
                .body("settings.parameters[0].key", equalTo("meterNumber"))
                .body("settings.responseCases[0].id", equalTo("ok"))
                .body("settings.detectionDetails.keywords", contains("meter", "reading"))
                .body("settings.personality.formality", equalTo("formal"));
    }

    @Test
    void plainObjectsFirstThenDottedKeysWhereverTheyStandInTheBody() {
        int id = create("");
        // the dotted key comes first in the body, yet it is applied after the settings object
        patch(id, """
                {"settings.executor[0].code":"print(3)",
                 "settings":{"executor":[{"type":"sourceCode","language":"python311","code":"print(2)"}],
                             "personality":{"style":"plain"}},
                 "settings.personality.tone":"dry"}""");
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.executor[0].code", equalTo("print(3)"))
                .body("settings.personality.style", equalTo("plain"))
                .body("settings.personality.tone", equalTo("dry"))
                .body("settings.personality.formality", equalTo("formal"))
                .body("settings.parameters[0].key", equalTo("meterNumber"));

        // a dotted key on the same place as the object's key wins
        patch(id, "{\"settings\":{\"personality\":{\"style\":\"a\"}},\"settings.personality.style\":\"b\","
                + "\"appearance\":{\"colors\":{\"fg\":\"red\"}},\"appearance.colors.fg\":\"green\"}");
        asAdmin().get(ONE + "/" + id).then().statusCode(200)
                .body("settings.personality.style", equalTo("b"))
                .body("appearance.colors.fg", equalTo("green"))
                .body("appearance.colors.bg", equalTo("white"));
    }

    @Test
    void executorSecretsSurviveAMergeAndAMaskSentBackKeepsThem() throws Exception {
        int id = create("");
        // a merge elsewhere in settings leaves the sealed secret as it is
        patch(id, "{\"settings\":{\"personality\":{\"style\":\"brief\"}}}");
        asAdmin().get(ONE + "/" + id).then()
                .body("settings.executor[0].settings.apiKey", equalTo("********"));
        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id).then()
                .body("settings.executor[0].settings.apiKey", equalTo(SECRET));

        // the executors read masked and sent back in a settings object (with a change) keep the stored secret
        patch(id, """
                {"settings":{"executor":[{"id":1,"type":"sourceCode","language":"python311","code":"print(9)",
                             "settings":{"apiKey":"********","url":"https://crm2.example"}}]}}""");
        asAdmin().queryParam("showSecrets", true).get(ONE + "/" + id).then()
                .body("settings.executor[0].code", equalTo("print(9)"))
                .body("settings.executor[0].settings.url", equalTo("https://crm2.example"))
                .body("settings.executor[0].settings.apiKey", equalTo(SECRET))
                .body("settings.personality.style", equalTo("brief"));
        String column = query("select settings::text from ai_agent where id = ?", id);
        assertFalse(column.contains(SECRET), "sealed at rest: " + column);
    }

    @Test
    void validationAfterTheMergeNamesTheFieldAndStoresNothing() {
        int id = create("");
        asAdmin().body("{\"settings\":{\"executor\":[{\"type\":\"sourceCode\",\"language\":\"cobol\",\"code\":\"x\"}]}}")
                .patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings.executor[0].language"));
        // the merged result is checked as a whole: the new condition is typed against the stored parameters
        // (meterNumber is a string)
        asAdmin().body("{\"settings\":{\"responseCases\":[{\"id\":\"x\",\"condition\":\"meterNumber == 5\","
                + "\"output\":{\"type\":\"reply\",\"text\":\"hi\"}}]}}")
                .patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings.responseCases[0].condition"));
        asAdmin().body("{\"settings\":null}").patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings"));
        asAdmin().body("{\"settings\":[1,2]}").patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings"));
        asAdmin().body("{\"appearance\":\"blue\"}").patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("appearance"));
        asAdmin().body("{\"settings\":{\"executor\":{\"type\":\"apiCall\"}}}").patch(ONE + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("settings.executor"));
        // each part within the bound, the merged whole past it
        String half = "x".repeat(300_000);
        patch(id, "{\"settings\":{\"detectionDetails\":{\"notes\":\"" + half + "\"}}}");
        asAdmin().body("{\"settings\":{\"personality\":{\"notes\":\"" + half + "\"}}}").patch(ONE + "/" + id)
                .then().statusCode(400)
                .body("details[0].field", equalTo("settings"))
                .body("details[0].message", containsString("bytes"));

        asAdmin().get(ONE + "/" + id).then().header("ETag", "\"1\"")
                .body("settings.executor[0].language", equalTo("python311"))
                .body("settings.responseCases[0].id", equalTo("ok"))
                .body("settings.personality", not(hasKey("notes")));
    }

    @Test
    void theEventNamesOnlyTheFieldsAMergeChanged() throws Exception {
        int id = create("");
        patch(id, "{\"settings\":{},\"appearance\":{}}");
        assertEquals(JSON.readTree("[]"), lastFields(id));
        patch(id, "{\"settings\":{\"personality\":{\"style\":\"friendly\"}},\"appearance\":{\"avatar\":\"bank.png\"}}");
        assertEquals(JSON.readTree("[]"), lastFields(id), "the values they have already");
        patch(id, "{\"settings\":{\"personality\":{\"style\":\"stern\"}},\"appearance\":{\"colors\":{}}}");
        assertEquals(JSON.readTree("[\"settings\"]"), lastFields(id));
        patch(id, "{\"appearance\":{\"colors\":{\"bg\":\"navy\"}},\"name\":\"Merge 2\"}");
        assertEquals(JSON.readTree("[\"appearance\",\"name\"]"), lastFields(id));
    }

    /** The {@code fields} of the agent's newest {@code AiAgentChanged} event (the relay is off in tests). */
    private JsonNode lastFields(int id) throws Exception {
        String data = query("select data::text from hook_outbox where type = 'AiAgentChanged' and "
                + "(data->>'aiAgentId')::bigint = ? order by id desc limit 1", id);
        JsonNode event = JSON.readTree(data);
        assertEquals("updated", event.get("change").asText(), data);
        return event.get("fields");
    }

    private String query(String sql, long id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
