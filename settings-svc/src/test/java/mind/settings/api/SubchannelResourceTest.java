package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.common.api.Channel;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.repository.SubchannelRepository;

@QuarkusTest
@WithTestResource(MindTestResource.class)
class SubchannelResourceTest {

    static final String PATH = "/api/mind/settings/subchannel";

    static final String DOCS_EXAMPLE = """
            {"id":987654,"channel":"email","name":"Support","isDefault":false,"interface":"internal",
             "enabled":true,"data":{}}""";

    @Inject
    SubchannelRepository subchannels;

    @Inject
    EntityManager em;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static int create(String channel, String name, boolean isDefault) {
        return asAdmin().body("{\"channel\":\"" + channel + "\",\"name\":\"" + name + "\",\"isDefault\":" + isDefault + "}")
                .post(PATH).then().statusCode(200).extract().path("id");
    }

    private static List<Integer> idsFor(RequestSpecification request) {
        return request.get(PATH).then().statusCode(200).body("success", is(true)).extract().path("subchannels.id");
    }

    // --- create and read -----------------------------------------------------------------------

    @Test
    void createWithNameAndChannelAppliesDefaults() {
        String name = "Mailbox " + UUID.randomUUID();
        int id = asAdmin().body("{\"name\":\"" + name + "\",\"channel\":\"email\"}")
                .post(PATH).then().statusCode(200)
                .body("success", is(true))
                .body("id", notNullValue())
                .extract().path("id");

        asAdmin().queryParam("id", id).get(PATH)
                .then().statusCode(200)
                .body("success", is(true))
                .body("subchannels", hasSize(1))
                .body("subchannels[0].id", is(id))
                .body("subchannels[0].channel", equalTo("email"))
                .body("subchannels[0].name", equalTo(name))
                .body("subchannels[0].isDefault", is(false))
                .body("subchannels[0].interface", equalTo("internal"))
                .body("subchannels[0].enabled", is(true))
                .body("subchannels[0].data", anEmptyMap())
                .body("subchannels[0]", not(hasKey("default")))
                .body("subchannels[0]", not(hasKey("subchannelInterface")));
    }

    @Test
    void docsExampleIsAcceptedAndItsIdIgnored() {
        int id = asAdmin().body(DOCS_EXAMPLE).post(PATH).then().statusCode(200).extract().path("id");
        assertNotEquals(987654, id);
        given().header("Authorization", TestTokens.admin()).queryParam("id", 987654).get(PATH)
                .then().statusCode(200).body("subchannels", empty());
    }

    @Test
    void allFieldsRoundTrip() {
        String body = """
                {"channel":"chat","name":"Website bot","interface":"webhook","enabled":false,
                 "data":{"imap":{"username":"bot@example.com","password":"s3cret","port":993},"tags":[1,2],"note":null}}""";
        int id = asAdmin().body(body).post(PATH).then().statusCode(200).extract().path("id");
        asAdmin().queryParam("id", id).get(PATH)
                .then().statusCode(200)
                .body("subchannels[0].channel", equalTo("chat"))
                .body("subchannels[0].interface", equalTo("webhook"))
                .body("subchannels[0].enabled", is(false))
                .body("subchannels[0].isDefault", is(false))
                .body("subchannels[0].data.imap.username", equalTo("bot@example.com"))
                .body("subchannels[0].data.imap.port", is(993))
                .body("subchannels[0].data.tags", hasItem(2))
                .body("subchannels[0].data", hasKey("note"));
    }

    @Test
    void freshdeskInterfaceKeepsItsCapitalLetter() {
        int id = asAdmin().body("{\"channel\":\"portal\",\"name\":\"fd\",\"interface\":\"Freshdesk\"}")
                .post(PATH).then().statusCode(200).extract().path("id");
        asAdmin().queryParam("id", id).get(PATH)
                .then().body("subchannels[0].interface", equalTo("Freshdesk"));
    }

    @Test
    void listWithoutFilterIsEveryChannelInIdOrder() {
        int a = create("letter", "order a", false);
        int b = create("walkIn", "order b", false);
        int c = create("email", "order c", false);
        List<Integer> ids = idsFor(given().header("Authorization", TestTokens.admin()));
        assertTrue(ids.containsAll(List.of(a, b, c)), ids.toString());
        List<Integer> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids, "stable order by id");
    }

    // --- filters ----------------------------------------------------------------------------------

    @Test
    void arraySyntaxFiltersBySeveralChannels() {
        int email = create("email", "f email", false);
        int chat = create("chat", "f chat", false);
        int phone = create("phone", "f phone", false);

        // literal brackets, as browsers and qs write them
        given().header("Authorization", TestTokens.agent(7)).urlEncodingEnabled(false)
                .get(PATH + "?channels[]=email&channels[]=chat")
                .then().statusCode(200)
                .body("subchannels.channel", everyItem(is(in(List.of("email", "chat")))))
                .body("subchannels.id", allOf(hasItem(email), hasItem(chat), not(hasItem(phone))));

        // percent-encoded brackets
        given().header("Authorization", TestTokens.agent(7))
                .queryParam("channels[]", "email", "chat")
                .get(PATH)
                .then().statusCode(200)
                .body("subchannels.channel", everyItem(is(in(List.of("email", "chat")))))
                .body("subchannels.id", allOf(hasItem(email), hasItem(chat), not(hasItem(phone))));
    }

    @Test
    void plainRepeatedIndexedAndCommaSeparatedFormsWork() {
        int email = create("email", "p email", false);
        int chat = create("chat", "p chat", false);
        int letter = create("letter", "p letter", false);

        for (String query : List.of("channels=email&channels=chat", "channels=email,chat",
                "channels[0]=email&channels[1]=chat", "channels%5B0%5D=email&channels%5B1%5D=chat")) {
            given().header("Authorization", TestTokens.serviceWorker()).urlEncodingEnabled(false)
                    .get(PATH + "?" + query)
                    .then().statusCode(200)
                    .body("subchannels.channel", everyItem(is(in(List.of("email", "chat")))))
                    .body("subchannels.id", allOf(hasItem(email), hasItem(chat), not(hasItem(letter))));
        }
    }

    @Test
    void legacySingleChannelFilters() {
        int letter = create("letter", "legacy letter", false);
        int email = create("email", "legacy email", false);
        given().header("Authorization", TestTokens.admin()).queryParam("channel", "letter").get(PATH)
                .then().statusCode(200)
                .body("subchannels.channel", everyItem(equalTo("letter")))
                .body("subchannels.id", allOf(hasItem(letter), not(hasItem(email))));
    }

    @Test
    void voiceSelectsPhoneAndInternalSelectsSystem() {
        int phone = create("phone", "hotline", false);
        int system = create("system", "system events", false);
        int email = create("email", "not voice", false);

        given().header("Authorization", TestTokens.admin()).urlEncodingEnabled(false).get(PATH + "?channels[]=voice")
                .then().statusCode(200)
                .body("subchannels.channel", everyItem(equalTo("phone")))
                .body("subchannels.id", allOf(hasItem(phone), not(hasItem(system)), not(hasItem(email))));
        given().header("Authorization", TestTokens.admin()).urlEncodingEnabled(false).get(PATH + "?channels[]=internal")
                .then().statusCode(200)
                .body("subchannels.channel", everyItem(equalTo("system")))
                .body("subchannels.id", allOf(hasItem(system), not(hasItem(phone))));
        given().header("Authorization", TestTokens.admin()).urlEncodingEnabled(false).get(PATH + "?channels[]=phone")
                .then().statusCode(200)
                .body("subchannels.id", allOf(hasItem(phone), not(hasItem(email))));
    }

    @Test
    void allMeansEveryChannel() {
        int phone = create("phone", "all phone", false);
        int walkIn = create("walkIn", "all walkIn", false);
        List<Integer> ids = idsFor(given().header("Authorization", TestTokens.admin()).urlEncodingEnabled(false)
                .queryParam("channels[]", "all"));
        assertTrue(ids.containsAll(List.of(phone, walkIn)), ids.toString());
        // all combined with a narrower value is still all
        ids = idsFor(given().header("Authorization", TestTokens.admin()).urlEncodingEnabled(false)
                .queryParam("channels[]", "email", "all"));
        assertTrue(ids.containsAll(List.of(phone, walkIn)), ids.toString());
    }

    @Test
    void idFilterCombinesWithChannels() {
        int id = create("chat", "by id", false);
        given().header("Authorization", TestTokens.admin()).queryParam("id", id).get(PATH)
                .then().statusCode(200).body("subchannels.id", equalTo(List.of(id)));
        given().header("Authorization", TestTokens.admin()).queryParam("id", id).queryParam("channel", "email").get(PATH)
                .then().statusCode(200).body("subchannels", empty());
        given().header("Authorization", TestTokens.admin()).queryParam("id", 999_999_999).get(PATH)
                .then().statusCode(200).body("success", is(true)).body("subchannels", empty());
    }

    @Test
    void unknownFilterValueIs400NamingTheParameter() {
        given().header("Authorization", TestTokens.admin()).urlEncodingEnabled(false).get(PATH + "?channels[]=fax")
                .then().statusCode(400)
                .body("success", is(false))
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("channels[]"))
                .body("details[0].message", allOf(containsString("voice"), containsString("internal")));
        given().header("Authorization", TestTokens.admin()).queryParam("channels", "email,fax").get(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("channels"));
        given().header("Authorization", TestTokens.admin()).queryParam("channel", "Email").get(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("channel"));
        given().header("Authorization", TestTokens.admin()).urlEncodingEnabled(false).get(PATH + "?channels[2]=sms")
                .then().statusCode(400).body("details[0].field", equalTo("channels[2]"));
    }

    @Test
    void nonNumericIdFilterIs400() {
        given().header("Authorization", TestTokens.admin()).queryParam("id", "abc").get(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("id"))
                .body("details[0].message", equalTo("must be an integer"));
    }

    @Test
    void tooManyFilterValuesIs400() {
        given().header("Authorization", TestTokens.admin()).queryParam("channels", java.util.Collections.nCopies(21, "email"))
                .get(PATH).then().statusCode(400).body("details[0].field", equalTo("channels"));
        given().header("Authorization", TestTokens.admin()).queryParam("channels", java.util.Collections.nCopies(20, "email"))
                .get(PATH).then().statusCode(200);
    }

    // --- default switching ---------------------------------------------------------------------

    @Test
    void newDefaultTakesOverFromThePreviousOneOfTheSameChannelOnly() {
        int first = create("letter", "letter default 1", true);
        int otherChannel = create("portal", "portal default", true);
        assertEquals(List.of(first), defaultsOf("letter"));

        int second = create("letter", "letter default 2", true);
        assertEquals(List.of(second), defaultsOf("letter"));
        asAdmin().queryParam("id", first).get(PATH).then().body("subchannels[0].isDefault", is(false));
        assertEquals(List.of(otherChannel), defaultsOf("portal"), "other channels keep their default");

        int notDefault = create("letter", "letter plain", false);
        assertEquals(List.of(second), defaultsOf("letter"), "a non-default create changes nothing");
        assertNotEquals(second, notDefault);
    }

    @Test
    void parallelDefaultCreatesLeaveExactlyOneDefault() throws Exception {
        String run = UUID.randomUUID().toString();
        List<Response> responses = Concurrently.run(10, () -> asAdmin()
                .body("{\"channel\":\"walkIn\",\"name\":\"desk " + run + "\",\"isDefault\":true}").post(PATH));
        Set<Integer> created = new HashSet<>();
        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
            created.add(r.path("id"));
        }
        assertEquals(10, created.size());
        List<Integer> defaults = defaultsOf("walkIn");
        assertEquals(1, defaults.size(), defaults.toString());
        assertTrue(created.contains(defaults.get(0)));
        long inDatabase = QuarkusTransaction.requiringNew()
                .call(() -> subchannels.count("channel = ?1 and isDefault = true", Channel.walkIn));
        assertEquals(1, inDatabase);
    }

    @Test
    void databaseRefusesASecondDefaultForAChannel() {
        Exception e = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update subchannel set is_default = false where channel = 'system'").executeUpdate();
            for (int i = 0; i < 2; i++) {
                em.createNativeQuery("insert into subchannel (channel, name, is_default, interface, enabled, data, created_at) "
                        + "values ('system', 'raw', true, 'internal', true, '{}', now())").executeUpdate();
            }
        }));
        assertTrue(causeChain(e).contains("subchannel_one_default_per_channel"), causeChain(e));
    }

    @Test
    void takingOverTheDefaultGivesThePreviousDefaultANewVersion() {
        int previous = create("phone", "phone default before", true);
        int plain = create("phone", "phone plain", false);
        int other = create("phone", "QA Phone", false);
        String previousEtag = etagOf(previous);
        String plainEtag = etagOf(plain);

        asAdmin().body("{\"channel\":\"phone\",\"name\":\"QA Phone\",\"isDefault\":true}").put(PATH + "/" + other)
                .then().statusCode(200);
        String afterPut = asAdmin().queryParam("id", previous).get(PATH).then().statusCode(200)
                .body("subchannels[0].isDefault", is(false)).extract().header("ETag");
        assertNotEquals(previousEtag, afterPut, "isDefault changed, so must the ETag");
        assertEquals(plainEtag, etagOf(plain), "a subchannel that was not the default keeps its version");
        asAdmin().header("If-Match", previousEtag)
                .body("{\"channel\":\"phone\",\"name\":\"phone default before\",\"isDefault\":true}")
                .put(PATH + "/" + previous).then().statusCode(412).body("code", equalTo("precondition_failed"));
        assertEquals(List.of(other), defaultsOf("phone"), "the stale PUT changed nothing");

        // a new default created by POST takes over the same way
        String otherEtag = etagOf(other);
        int newest = create("phone", "phone default after", true);
        asAdmin().queryParam("id", other).get(PATH).then().body("subchannels[0].isDefault", is(false));
        assertNotEquals(otherEtag, etagOf(other));
        asAdmin().header("If-Match", otherEtag).delete(PATH + "/" + other).then().statusCode(412);
        assertEquals(List.of(newest), defaultsOf("phone"));
    }

    private static String etagOf(int id) {
        return asAdmin().queryParam("id", id).get(PATH).then().statusCode(200).header("ETag", notNullValue())
                .extract().header("ETag");
    }

    private List<Integer> defaultsOf(String channel) {
        List<Integer> ids = given().header("Authorization", TestTokens.admin()).queryParam("channel", channel).get(PATH)
                .then().statusCode(200).extract().path("subchannels.findAll { it.isDefault }.id");
        return ids;
    }

    // --- delete --------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheSubchannel() {
        int id = create("email", "to delete", false);
        asAdmin().delete(PATH + "/" + id)
                .then().statusCode(200)
                .body("success", is(true));
        asAdmin().queryParam("id", id).get(PATH).then().statusCode(200).body("subchannels", empty());
        asAdmin().delete(PATH + "/" + id)
                .then().statusCode(404)
                .body("success", is(false))
                .body("code", equalTo("not_found"))
                .body("error", containsString(Integer.toString(id)));
    }

    @Test
    void deleteUnknownIdIs404() {
        asAdmin().delete(PATH + "/999999999")
                .then().statusCode(404)
                .body("success", is(false))
                .body("code", equalTo("not_found"))
                .body("error", containsString("999999999"));
    }

    @Test
    void deletingTheDefaultLeavesTheChannelWithoutOne() {
        create("chat", "chat default old", true);
        int current = create("chat", "chat default", true);
        asAdmin().delete(PATH + "/" + current).then().statusCode(200);
        assertEquals(List.of(), defaultsOf("chat"));
    }

    // --- idempotency -------------------------------------------------------------------------------

    @Test
    void idempotencyKeyReplaysTheCreate() {
        String key = UUID.randomUUID().toString();
        String body = "{\"channel\":\"email\",\"name\":\"idem " + key + "\"}";
        int first = asAdmin().header("Idempotency-Key", key).body(body).post(PATH)
                .then().statusCode(200).extract().path("id");
        asAdmin().header("Idempotency-Key", key).body(body).post(PATH)
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("success", is(true))
                .body("id", is(first));
        long stored = QuarkusTransaction.requiringNew().call(() -> subchannels.count("name", "idem " + key));
        assertEquals(1, stored);
    }

    // --- bad input ---------------------------------------------------------------------------------

    @Test
    void nulInDataNamesOrValuesIs400NotAServerError() {
        asAdmin().body("{\"channel\":\"email\",\"name\":\"nul\",\"data\":{\"a\\u0000b\":1}}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", org.hamcrest.Matchers.startsWith("data"));
        asAdmin().body("{\"channel\":\"email\",\"name\":\"nul\",\"data\":{\"deep\":{\"x\":\"a\\u0000\"}}}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.startsWith("data"));
    }

    @Test
    void emptyBodyIs400() {
        asAdmin().post(PATH).then().statusCode(400).body("success", is(false));
    }

    @Test
    void missingNameIs400NamingIt() {
        asAdmin().body("{\"channel\":\"email\"}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details.field", equalTo(List.of("name")));
    }

    @Test
    void missingChannelIs400NamingIt() {
        asAdmin().body("{\"name\":\"no channel\"}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details.field", equalTo(List.of("channel")));
    }

    @Test
    void blankAndOverlongNamesAre400() {
        asAdmin().body("{\"channel\":\"email\",\"name\":\"  \"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        asAdmin().body("{\"channel\":\"email\",\"name\":\"" + "n".repeat(256) + "\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
        asAdmin().body("{\"channel\":\"email\",\"name\":\"" + "n".repeat(255) + "\"}").post(PATH)
                .then().statusCode(200);
    }

    @Test
    void unknownChannelIs400ListingTheChoices() {
        asAdmin().body("{\"channel\":\"voice\",\"name\":\"x\"}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("channel"))
                .body("details[0].message", allOf(containsString("email"), containsString("walkIn")));
    }

    @Test
    void unknownInterfaceIs400NamingIt() {
        asAdmin().body("{\"channel\":\"email\",\"name\":\"x\",\"interface\":\"zendesk\"}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("interface"))
                .body("details[0].message", containsString("Freshdesk"));
    }

    @Test
    void wrongTypesNameTheField() {
        asAdmin().body("{\"channel\":\"email\",\"name\":\"x\",\"isDefault\":\"yes\"}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("isDefault"))
                .body("details[0].message", equalTo("must be true or false"));
        asAdmin().body("{\"channel\":\"email\",\"name\":\"x\",\"data\":\"imap\"}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("data"));
        asAdmin().body("{\"channel\":\"email\",\"name\":\"x\",\"data\":[1,2]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("data"));
        asAdmin().body("{\"channel\":\"email\",\"name\":[\"x\"]}").post(PATH)
                .then().statusCode(400).body("details[0].field", equalTo("name"));
    }

    @Test
    void oversizedDataIs400NamingIt() {
        String big = "x".repeat(70_000);
        asAdmin().body("{\"channel\":\"email\",\"name\":\"big\",\"data\":{\"blob\":\"" + big + "\"}}").post(PATH)
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("details[0].field", equalTo("data"));
        long stored = QuarkusTransaction.requiringNew().call(() -> subchannels.count("name", "big"));
        assertEquals(0, stored);
    }

    @Test
    void bodyPastTheLimitIs413() {
        String huge = "x".repeat(1_200_000);
        asAdmin().body("{\"channel\":\"email\",\"name\":\"huge\",\"data\":{\"blob\":\"" + huge + "\"}}").post(PATH)
                .then().statusCode(413).body("code", equalTo("payload_too_large"));
    }

    // --- secrets in data ---------------------------------------------------------------------------

    static final String MAILBOX_DATA = """
            {"username":"support@example.com","password":"top-secret",
             "imap":{"host":"imap.example.com","port":993,"username":"imap-user","Password":"imap-pass"},
             "accounts":[{"login":"first","api_key":"key-1"},{"login":"second","API-Key":"key-2"}],
             "oauth":{"tenant":"contoso","refreshToken":"refresh-1","clientSecret":"client-1"},
             "credentials":{"user":"whole object is secret"},"privateKey":12345,"passwordHint":null,
             "signature":"Kind regards"}""";

    private static int createMailbox() {
        return asAdmin().body("{\"channel\":\"email\",\"name\":\"secret mailbox " + UUID.randomUUID() + "\",\"data\":"
                + MAILBOX_DATA + "}").post(PATH).then().statusCode(200).extract().path("id");
    }

    private static void assertMasked(RequestSpecification request, int id) {
        request.queryParam("id", id).get(PATH)
                .then().statusCode(200)
                .body("subchannels", hasSize(1))
                .body("subchannels[0].data.username", equalTo("support@example.com"))
                .body("subchannels[0].data.password", equalTo("********"))
                .body("subchannels[0].data.imap.host", equalTo("imap.example.com"))
                .body("subchannels[0].data.imap.port", is(993))
                .body("subchannels[0].data.imap.username", equalTo("imap-user"))
                .body("subchannels[0].data.imap.Password", equalTo("********"))
                .body("subchannels[0].data.accounts.login", equalTo(List.of("first", "second")))
                .body("subchannels[0].data.accounts[0].api_key", equalTo("********"))
                .body("subchannels[0].data.accounts[1].'API-Key'", equalTo("********"))
                .body("subchannels[0].data.oauth.tenant", equalTo("contoso"))
                .body("subchannels[0].data.oauth.refreshToken", equalTo("********"))
                .body("subchannels[0].data.oauth.clientSecret", equalTo("********"))
                .body("subchannels[0].data.credentials", equalTo("********"))
                .body("subchannels[0].data.privateKey", equalTo("********"))
                .body("subchannels[0].data", hasKey("passwordHint"))
                .body("subchannels[0].data.passwordHint", nullValue())
                .body("subchannels[0].data.signature", equalTo("Kind regards"))
                .body(not(containsString("top-secret")))
                .body(not(containsString("imap-pass")))
                .body(not(containsString("key-1")))
                .body(not(containsString("refresh-1")))
                .body(not(containsString("client-1")))
                .body(not(containsString("whole object is secret")));
    }

    @Test
    void agentSeesSecretsMaskedAndOtherKeysAsStored() {
        int id = createMailbox();
        assertMasked(given().header("Authorization", TestTokens.agent(7)), id);
        assertMasked(given().header("Authorization", TestTokens.agent(7)).queryParam("showSecrets", "false"), id);
    }

    @Test
    void serviceWorkerSeesSecretsMaskedInFilteredLists() {
        int id = createMailbox();
        given().header("Authorization", TestTokens.serviceWorker()).urlEncodingEnabled(false)
                .get(PATH + "?channels[]=email")
                .then().statusCode(200)
                .body("subchannels.find { it.id == " + id + " }.data.password", equalTo("********"))
                .body("subchannels.find { it.id == " + id + " }.data.imap.Password", equalTo("********"))
                .body("subchannels.find { it.id == " + id + " }.data.imap.username", equalTo("imap-user"));
    }

    @Test
    void adminWithoutShowSecretsSeesThemMaskedToo() {
        int id = createMailbox();
        assertMasked(asAdmin(), id);
        assertMasked(asAdmin().queryParam("showSecrets", "false"), id);
    }

    @Test
    void adminWithShowSecretsSeesTheStoredValues() {
        int id = createMailbox();
        // masked reads first: they must not have written the mask back into the stored data
        assertMasked(given().header("Authorization", TestTokens.agent(7)), id);
        assertMasked(asAdmin(), id);
        for (String yes : List.of("true", "1", "TRUE")) {
            asAdmin().queryParam("id", id).queryParam("showSecrets", yes).get(PATH)
                    .then().statusCode(200)
                    .body("subchannels[0].data.username", equalTo("support@example.com"))
                    .body("subchannels[0].data.password", equalTo("top-secret"))
                    .body("subchannels[0].data.imap.Password", equalTo("imap-pass"))
                    .body("subchannels[0].data.imap.port", is(993))
                    .body("subchannels[0].data.accounts[0].api_key", equalTo("key-1"))
                    .body("subchannels[0].data.accounts[1].'API-Key'", equalTo("key-2"))
                    .body("subchannels[0].data.oauth.refreshToken", equalTo("refresh-1"))
                    .body("subchannels[0].data.oauth.clientSecret", equalTo("client-1"))
                    .body("subchannels[0].data.credentials.user", equalTo("whole object is secret"))
                    .body("subchannels[0].data.privateKey", is(12345));
        }
    }

    @Test
    void showSecretsByAnAgentOrServiceWorkerIs403() {
        int id = createMailbox();
        for (String yes : List.of("true", "1")) {
            given().header("Authorization", TestTokens.agent(7)).queryParam("id", id).queryParam("showSecrets", yes).get(PATH)
                    .then().statusCode(403)
                    .contentType(ContentType.JSON)
                    .body("success", is(false))
                    .body("code", equalTo("forbidden"))
                    .body("error", containsString("showSecrets"))
                    .body(not(containsString("top-secret")));
        }
        given().header("Authorization", TestTokens.serviceWorker()).queryParam("showSecrets", "true").get(PATH)
                .then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void showSecretsThatIsNoBooleanIs400NamingIt() {
        for (String bad : List.of("yes", "2", "null")) {
            asAdmin().queryParam("showSecrets", bad).get(PATH)
                    .then().statusCode(400)
                    .body("success", is(false))
                    .body("code", equalTo("validation_failed"))
                    .body("details[0].field", equalTo("showSecrets"));
        }
    }

    // --- security ----------------------------------------------------------------------------------

    @Test
    void agentsAndServiceWorkersMayRead() {
        given().header("Authorization", TestTokens.agent(7)).get(PATH).then().statusCode(200).body("success", is(true));
        given().header("Authorization", TestTokens.serviceWorker()).get(PATH).then().statusCode(200);
    }

    @Test
    void openApiDeclaresTheListParametersAndResponseSchema() {
        Response doc = given().queryParam("format", "json").get("/q/openapi");
        doc.then().statusCode(200)
                .body("paths", hasKey(PATH))
                .body("paths", hasKey(PATH + "/{id}"));
        String get = "paths.'" + PATH + "'.get";

        List<String> names = doc.path(get + ".parameters.name");
        assertTrue(names.containsAll(List.of("channels[]", "channels", "channel", "id", "showSecrets")), names.toString());
        assertEquals("query", doc.path(get + ".parameters.find { it.name == 'showSecrets' }.in"));
        assertEquals("boolean", doc.path(get + ".parameters.find { it.name == 'showSecrets' }.schema.type"));
        assertEquals("array", doc.path(get + ".parameters.find { it.name == 'channels[]' }.schema.type"));

        String listSchema = schemaPath(doc.path(get + ".responses.'200'.content.'application/json'.schema.'$ref'"));
        assertEquals("array", doc.path(listSchema + ".properties.subchannels.type"));
        String viewSchema = schemaPath(doc.path(listSchema + ".properties.subchannels.items.'$ref'"));
        Map<String, Object> view = doc.path(viewSchema + ".properties");
        assertTrue(view.keySet().containsAll(List.of("id", "channel", "name", "isDefault", "interface", "enabled", "data")),
                view.keySet().toString());
        assertFalse(view.containsKey("subchannelInterface"), view.keySet().toString());

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** "#/components/schemas/X" as a rest-assured path into the same document. */
    private static String schemaPath(String ref) {
        assertNotNull(ref, "schema is a $ref to a component");
        assertTrue(ref.startsWith("#/components/schemas/"), ref);
        return "components.schemas.'" + ref.substring("#/components/schemas/".length()) + "'";
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static String causeChain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    /** Runs n calls at once: all threads wait at a latch so that the requests really overlap. */

    // --- GET /settings/subchannel/{id} ---------------------------------------------------------------

    @Test
    void getOneAnswersTheSubchannelWithItsETagAndSecretsMasked() {
        int id = createMailbox();
        for (String bearer : List.of(TestTokens.admin(), TestTokens.agent(7), TestTokens.serviceWorker())) {
            given().header("Authorization", bearer).get(PATH + "/" + id)
                    .then().statusCode(200)
                    .header("ETag", equalTo("\"0\""))
                    .body("success", is(true))
                    .body("subchannel.id", is(id))
                    .body("subchannel.channel", equalTo("email"))
                    .body("subchannel.isDefault", is(false))
                    .body("subchannel.interface", equalTo("internal"))
                    .body("subchannel.enabled", is(true))
                    .body("subchannel.data.username", equalTo("support@example.com"))
                    .body("subchannel.data.password", equalTo("********"))
                    .body("subchannel.data.imap.Password", equalTo("********"))
                    .body("subchannel.data.oauth.refreshToken", equalTo("********"))
                    .body("subchannel.data.credentials", equalTo("********"))
                    .body("subchannel.data.signature", equalTo("Kind regards"))
                    .body(not(containsString("top-secret")))
                    .body(not(containsString("imap-pass")))
                    .body(not(containsString("refresh-1")))
                    .body(not(containsString("whole object is secret")));
        }
        // showSecrets does not open them here, not even for an admin (the list with ?id= does)
        asAdmin().queryParam("showSecrets", "true").get(PATH + "/" + id)
                .then().statusCode(200).body("subchannel.data.password", equalTo("********")).body(not(containsString("top-secret")));
    }

    @Test
    void getOneEtagIsTheOnePutAndDeleteCheck() {
        int id = create("chat", "etag probe " + UUID.randomUUID(), false);
        String etag = asAdmin().get(PATH + "/" + id).then().statusCode(200).extract().header("ETag");
        asAdmin().header("If-Match", etag).body("{\"channel\":\"chat\",\"name\":\"renamed\"}").put(PATH + "/" + id)
                .then().statusCode(200);
        asAdmin().get(PATH + "/" + id).then().statusCode(200).body("subchannel.name", equalTo("renamed"))
                .header("ETag", not(equalTo(etag)));
        asAdmin().header("If-Match", etag).delete(PATH + "/" + id).then().statusCode(412);
    }

    @Test
    void getOneOfAnUnknownIdIs404AndNeedsAToken() {
        asAdmin().get(PATH + "/987654321").then().statusCode(404).body("code", equalTo("not_found"))
                .body("success", is(false));
        given().get(PATH + "/1").then().statusCode(401);
        asAdmin().get(PATH + "/abc").then().statusCode(404);
    }
}
