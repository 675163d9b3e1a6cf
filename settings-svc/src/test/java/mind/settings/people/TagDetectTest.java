package mind.settings.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** {@code POST /tag/{id}/detect}: a dry test of a tag's deterministic detection rules. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TagDetectTest {

    static final String PATH = "/api/mind/tag";

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    static int tag(String extra) {
        return as(TestTokens.admin()).body("{\"name\":\"Detect " + UUID.randomUUID() + "\",\"type\":\"skill\"" + extra + "}")
                .post(PATH).then().statusCode(200).extract().path("id");
    }

    static final String BILLING = ",\"channels\":[\"email\"],\"detectionDetails\":{\"method\":\"condition\","
            + "\"keywords\":[\"invoice\",\"Rechnung\"],\"conditions\":[{\"field\":\"customer.tariff\",\"comparator\":\"in\","
            + "\"values\":[\"basic\",\"plus\"]},{\"field\":\"priority\",\"comparator\":\"!=\",\"value\":\"urgent\"}]}";

    @Test
    void keywordsConditionsAndChannelAllHoldingIsAMatch() {
        int id = tag(BILLING);
        as(TestTokens.admin()).body("{\"ticketId\":42,\"data\":{\"subject\":\"Question about my RECHNUNG\",\"channel\":\"email\","
                + "\"priority\":\"low\",\"customer\":{\"tariff\":\"Plus\"}}}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200)
                .body("success", is(true))
                .body("match", is(true))
                .body("alerts", hasSize(0))
                .body("ticketId", is(42))
                .body("rules.rule", equalTo(List.of("channels", "keywords", "conditions")))
                .body("rules.matched", equalTo(List.of(true, true, true)))
                .body("rules[1].detail", containsString("Rechnung"));
    }

    @Test
    void oneFailingRuleIsNoMatchWithoutAlerts() {
        int id = tag(BILLING);
        as(TestTokens.serviceWorker()).body("{\"data\":{\"subject\":\"invoice\",\"channel\":\"chat\",\"priority\":\"low\","
                + "\"customer\":{\"tariff\":\"basic\"}}}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false)).body("alerts", hasSize(0))
                .body("rules.find { it.rule == 'channels' }.matched", is(false));
        as(TestTokens.admin()).body("{\"data\":{\"body\":\"an invoice\",\"channel\":\"email\",\"priority\":\"urgent\","
                + "\"customer\":{\"tariff\":\"basic\"}}}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false))
                .body("rules.find { it.rule == 'conditions' }.matched", is(false));
        as(TestTokens.admin()).body("{\"data\":{\"body\":\"hello\",\"channel\":\"email\",\"priority\":\"low\","
                + "\"customer\":{\"tariff\":\"basic\"}}}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false))
                .body("rules.find { it.rule == 'keywords' }.matched", is(false));
    }

    @Test
    void whatCannotBeEvaluatedIsAnAlertAndNoMatch() {
        int id = tag(BILLING);
        // the customer is not in data: the tariff condition cannot be tested
        as(TestTokens.admin()).body("{\"data\":{\"subject\":\"invoice\",\"channel\":\"email\",\"priority\":\"low\"}}")
                .post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false))
                .body("alerts", hasItem(containsString("customer.tariff")))
                .body("rules.find { it.rule == 'conditions' }.matched", nullValue());
        // ticketId alone is read from ticket-svc, which cannot be asked here (TagDetectTicketTest has one)
        as(TestTokens.admin()).body("{\"ticketId\":42}").post(PATH + "/" + id + "/detect")
                .then().statusCode(503).header("Retry-After", notNullValue());
        // neither data nor ticketId: nothing to test
        as(TestTokens.admin()).body("{}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false))
                .body("alerts[0]", containsString("send the ticket's fields"))
                .body("rules", hasSize(0));
        // an unknown comparator
        int odd = tag(",\"detectionDetails\":{\"conditions\":[{\"field\":\"subject\",\"comparator\":\"sounds like\",\"value\":\"x\"}]}");
        as(TestTokens.admin()).body("{\"data\":{\"subject\":\"x\"}}").post(PATH + "/" + odd + "/detect")
                .then().statusCode(200).body("match", is(false)).body("alerts[0]", containsString("sounds like"));
        // no rules at all
        int bare = tag("");
        as(TestTokens.admin()).body("{\"data\":{\"subject\":\"x\"}}").post(PATH + "/" + bare + "/detect")
                .then().statusCode(200).body("match", is(false)).body("alerts[0]", containsString("no detection rules"));
    }

    @Test
    void theAiPartIsNotEvaluatedAndSaysSo() {
        int id = tag(",\"detectionDetails\":{\"method\":\"aiAndCondition\",\"keywords\":[\"refund\"]}");
        as(TestTokens.admin()).body("{\"data\":{\"subject\":\"refund please\"}}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false))
                .body("alerts", hasItem(containsString("language model")))
                .body("rules.find { it.rule == 'keywords' }.matched", is(true))
                .body("rules.find { it.rule == 'ai' }.matched", nullValue());
        int prompt = tag(",\"detectionDetails\":{\"prompt\":\"Is the customer angry?\"}");
        as(TestTokens.admin()).body("{\"data\":{\"subject\":\"grr\"}}").post(PATH + "/" + prompt + "/detect")
                .then().statusCode(200).body("match", is(false)).body("alerts", hasItem(containsString("language model")));
    }

    @Test
    void testTagsTestUnsavedRulesAndStoreNothing() {
        int id = tag(",\"detectionDetails\":{\"keywords\":[\"stored\"]}");
        String data = "\"data\":{\"subject\":\"a draft rule\",\"createdAt\":\"2024-05-02 10:00:00\",\"tags\":[{\"name\":\"VIP\"}]}";
        as(TestTokens.admin()).body("{\"testTags\":[{\"id\":" + id + ",\"detectionDetails\":{\"keywords\":[\"draft\"],"
                + "\"conditionLogic\":\"or\",\"conditions\":[{\"field\":\"createdAt\",\"comparator\":\">=\",\"value\":\"2024-05-01\"},"
                + "{\"field\":\"nothing.here\",\"comparator\":\"=\",\"value\":1}]}}]," + data + "}")
                .post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(true))
                .body("rules.find { it.rule == 'conditions' }.matched", is(true));
        as(TestTokens.admin()).body("{\"testTags\":{\"detectionDetails\":{\"conditions\":[{\"field\":\"tags[0].name\","
                + "\"comparator\":\"=\",\"value\":\"vip\"}]}}," + data + "}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(true));
        as(TestTokens.admin()).body("{\"testTags\":[{\"id\":999999999}]," + data + "}").post(PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false))
                .body("alerts", hasItem(containsString("no entry for tag " + id)));
        // the stored rules are unchanged
        as(TestTokens.admin()).get(PATH + "/" + id).then().statusCode(200)
                .body("detectionDetails.keywords", equalTo(List.of("stored")))
                .body("detectionDetails", not(org.hamcrest.Matchers.hasKey("conditions")));
    }

    @Test
    void badBodiesAre400NamingTheFieldAndUnknownTagsAre404() {
        int id = tag(BILLING);
        as(TestTokens.admin()).body("{\"data\":[1,2]}").post(PATH + "/" + id + "/detect")
                .then().statusCode(400).body("details[0].field", equalTo("data"));
        as(TestTokens.admin()).body("{\"data\":{},\"testTags\":\"x\"}").post(PATH + "/" + id + "/detect")
                .then().statusCode(400).body("details[0].field", equalTo("testTags"));
        as(TestTokens.admin()).body("{\"data\":{},\"testTags\":{\"detectionDetails\":[1]}}").post(PATH + "/" + id + "/detect")
                .then().statusCode(400).body("details[0].field", equalTo("testTags.detectionDetails"));
        as(TestTokens.admin()).body("{\"ticketId\":-1,\"data\":{}}").post(PATH + "/" + id + "/detect")
                .then().statusCode(400).body("details[0].field", equalTo("ticketId"));
        as(TestTokens.admin()).body("{\"ticketId\":\"abc\"}").post(PATH + "/" + id + "/detect")
                .then().statusCode(400).body("details[0].field", equalTo("ticketId"));
        StringBuilder big = new StringBuilder("{\"data\":{\"body\":\"");
        big.append("x".repeat(70_000)).append("\"}}");
        as(TestTokens.admin()).body(big.toString()).post(PATH + "/" + id + "/detect")
                .then().statusCode(400).body("details[0].field", equalTo("data"));
        as(TestTokens.admin()).body("{\"data\":{}}").post(PATH + "/999999999/detect")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void agentsMayNotTestAndTokensAreNeeded() {
        int id = tag(BILLING);
        as(TestTokens.agent(7)).body("{\"data\":{}}").post(PATH + "/" + id + "/detect").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"data\":{}}").post(PATH + "/" + id + "/detect").then().statusCode(401);
        as(TestTokens.admin()).body("{\"data\":{}}").post(PATH + "/" + id + "/detect").then().statusCode(200)
                .body("rules.rule", hasItems("channels", "keywords", "conditions"));
    }
}
