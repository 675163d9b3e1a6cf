package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * The secrets in a subchannel's data are sealed at rest; a write that sends the mask back keeps them;
 * GET ?id= gives the ETag that PUT and DELETE check with If-Match.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class SubchannelSecretsAtRestTest {

    static final String PATH = "/api/mind/settings/subchannel";

    @Inject
    EntityManager em;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static int createMailbox() {
        return asAdmin().body("{\"channel\":\"email\",\"name\":\"at rest " + UUID.randomUUID() + "\",\"data\":"
                + SubchannelResourceTest.MAILBOX_DATA + "}").post(PATH).then().statusCode(200).extract().path("id");
    }

    private String dataColumn(int id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select data::text from subchannel where id = ?1").setParameter(1, id).getSingleResult());
    }

    private static String etag(int id) {
        return given().header("Authorization", TestTokens.admin()).queryParam("id", id).get(PATH)
                .then().statusCode(200).extract().header("ETag");
    }

    @Test
    void theDataColumnHoldsNoPlainSecret() {
        int id = createMailbox();
        String column = dataColumn(id);
        for (String plain : List.of("top-secret", "imap-pass", "key-1", "key-2", "refresh-1", "client-1",
                "whole object is secret", "12345")) {
            assertFalse(column.contains(plain), plain + " in " + column);
        }
        // what is not secret stays readable in the database
        assertTrue(column.contains("support@example.com"), column);
        assertTrue(column.contains("imap.example.com"), column);
        assertTrue(column.contains("sealed:v1:"), column);
    }

    @Test
    void getByIdSendsTheETagAndAListDoesNot() {
        int id = createMailbox();
        given().header("Authorization", TestTokens.agent(7)).queryParam("id", id).get(PATH)
                .then().statusCode(200).header("ETag", "\"0\"");
        createMailbox();
        given().header("Authorization", TestTokens.agent(7)).urlEncodingEnabled(false).get(PATH + "?channels[]=email")
                .then().statusCode(200).header("ETag", nullValue());
    }

    @Test
    void putWithTheMaskKeepsTheStoredSecrets() {
        int id = createMailbox();
        String before = etag(id);
        // what a reader got, sent back with the username and one password changed
        String masked = """
                {"channel":"email","name":"renamed","data":{"username":"new@example.com","password":"********",
                 "imap":{"host":"imap.example.com","port":993,"username":"imap-user","Password":"new-imap-pass"},
                 "accounts":[{"login":"first","api_key":"********"},{"login":"second","API-Key":"********"}],
                 "oauth":{"tenant":"contoso","refreshToken":"********","clientSecret":"********"},
                 "credentials":"********","privateKey":"********","passwordHint":null,"signature":"Kind regards"}}""";
        String after = asAdmin().header("If-Match", before).body(masked).put(PATH + "/" + id)
                .then().statusCode(200).body("success", is(true)).extract().header("ETag");
        assertEquals(Long.parseLong(before.replace("\"", "")) + 1, Long.parseLong(after.replace("\"", "")));
        assertFalse(dataColumn(id).contains("new-imap-pass"));

        asAdmin().queryParam("id", id).queryParam("showSecrets", true).get(PATH)
                .then().statusCode(200)
                .header("ETag", after)
                .body("subchannels[0].name", equalTo("renamed"))
                .body("subchannels[0].data.username", equalTo("new@example.com"))
                .body("subchannels[0].data.password", equalTo("top-secret"))
                .body("subchannels[0].data.imap.Password", equalTo("new-imap-pass"))
                .body("subchannels[0].data.accounts[1].'API-Key'", equalTo("key-2"))
                .body("subchannels[0].data.oauth.refreshToken", equalTo("refresh-1"))
                .body("subchannels[0].data.credentials.user", equalTo("whole object is secret"))
                .body("subchannels[0].data.privateKey", is(12345));

        // a stale ETag changes nothing
        asAdmin().header("If-Match", before).body("{\"channel\":\"email\",\"name\":\"stale\"}").put(PATH + "/" + id)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        asAdmin().queryParam("id", id).get(PATH).then().body("subchannels[0].name", equalTo("renamed"));
    }

    @Test
    void theMaskWithNothingStoredIs400NamingThePlace() {
        asAdmin().body("{\"channel\":\"email\",\"name\":\"masked new\",\"data\":{\"imap\":{\"password\":\"********\"}}}")
                .post(PATH).then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("data.imap.password"));
        int id = createMailbox();
        asAdmin().body("{\"channel\":\"email\",\"name\":\"x\",\"data\":{\"smtpPassword\":\"********\"}}").put(PATH + "/" + id)
                .then().statusCode(400).body("details[0].field", equalTo("data.smtpPassword"));
    }

    @Test
    void putOfAnUnknownIdIs404AndOnlyAdminsMayPut() {
        asAdmin().body("{\"channel\":\"email\",\"name\":\"x\"}").put(PATH + "/999999999")
                .then().statusCode(404).body("code", equalTo("not_found"));
        int id = createMailbox();
        for (String caller : List.of(TestTokens.agent(7), TestTokens.serviceWorker())) {
            given().header("Authorization", caller).contentType(ContentType.JSON).body("{\"channel\":\"email\",\"name\":\"x\"}")
                    .put(PATH + "/" + id).then().statusCode(403);
        }
    }

    @Test
    void putCanMakeTheSubchannelTheDefault() {
        int old = asAdmin().body("{\"channel\":\"letter\",\"name\":\"old default\",\"isDefault\":true}").post(PATH)
                .then().statusCode(200).extract().path("id");
        int other = asAdmin().body("{\"channel\":\"letter\",\"name\":\"other\"}").post(PATH).then().statusCode(200).extract().path("id");
        asAdmin().body("{\"channel\":\"letter\",\"name\":\"other\",\"isDefault\":true}").put(PATH + "/" + other).then().statusCode(200);
        asAdmin().queryParam("id", old).get(PATH).then().body("subchannels[0].isDefault", is(false));
        asAdmin().queryParam("id", other).get(PATH).then().body("subchannels[0].isDefault", is(true));
        // saving the default again keeps it
        asAdmin().body("{\"channel\":\"letter\",\"name\":\"other 2\",\"isDefault\":true}").put(PATH + "/" + other).then().statusCode(200);
        asAdmin().queryParam("id", other).get(PATH).then().body("subchannels[0].isDefault", is(true));
    }

    @Test
    void deleteHonoursIfMatch() {
        int id = createMailbox();
        String etag = etag(id);
        asAdmin().body("{\"channel\":\"email\",\"name\":\"changed\"}").put(PATH + "/" + id).then().statusCode(200);
        asAdmin().header("If-Match", etag).delete(PATH + "/" + id)
                .then().statusCode(412).body("code", equalTo("precondition_failed"));
        asAdmin().queryParam("id", id).get(PATH).then().body("subchannels", hasSize(1));
        asAdmin().header("If-Match", etag(id)).delete(PATH + "/" + id).then().statusCode(200);
        asAdmin().queryParam("id", id).get(PATH).then().body("subchannels", empty());
    }

    @Test
    void parallelPutsWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        int id = createMailbox();
        String etag = etag(id);
        List<Integer> statuses = Concurrently.run(6, () -> asAdmin().header("If-Match", etag)
                .body("{\"channel\":\"email\",\"name\":\"race " + UUID.randomUUID() + "\"}").put(PATH + "/" + id).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    }

    @Test
    void errorsNeverQuoteASecret() {
        asAdmin().body("{\"channel\":\"email\",\"name\":\"" + "n".repeat(300) + "\",\"data\":{\"password\":\"never-in-an-error\"}}")
                .post(PATH).then().statusCode(400).body(not(containsString("never-in-an-error")));
    }
}
