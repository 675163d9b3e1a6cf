package mind.ticket.tags;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static mind.ticket.tags.TagAnswers.PATH;
import static mind.ticket.tags.TagAnswers.calls;
import static mind.ticket.tags.TagAnswers.read;
import static mind.ticket.tags.TagAnswers.tags;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.search.SearchFixtures;
import mind.ticket.search.SettingsServiceStub;
import mind.ticket.service.TagDirectory;

/**
 * Tag names on GET /ticket/{id} and in search rows, from settings-svc's GET /tag (WireMock) held in memory: the
 * first read waits for the first load (bounded), later reads never call settings-svc, an unknown id makes one call
 * (at most one per min-refresh-interval, 3 s here), and settings-svc down or refusing leaves the names null without
 * failing or slowing the read. Names are never refreshed by age here (ttl 10 min).
 */
@QuarkusTest
@TestProfile(TagNamesProfiles.LongTtl.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class TagNamesTest {

    @SettingsServiceStub.InjectSettings
    WireMockServer settings;

    @Inject
    TagDirectory directory;

    @Inject
    SearchFixtures fixtures;

    @BeforeEach
    void noNamesYet() {
        directory.forget();
        settings.resetAll();
    }

    @Test
    void namesAppearOnGetAndInSearchRows() {
        String scope = SearchFixtures.newScope();
        long id = fixtures.ticket(scope).set("tag_ids", new Long[] { 101L, 102L, 103L }).insert();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(101, "Billing", 102, "Meter reading"))));

        // a search before any load waits for the first one
        SearchFixtures.search(SearchFixtures.body(scope, null)).statusCode(200)
                .body("tickets[0].tagIds", contains(101, 102, 103))
                .body("tickets[0].tags.id", contains(101, 102, 103))
                .body("tickets[0].tags.name", contains("Billing", "Meter reading", null))
                .body("tickets[0].tags[2]", hasKey("name"));
        read(id).statusCode(200)
                .body("tagIds", contains(101, 102, 103))
                .body("tags.id", contains(101, 102, 103))
                .body("tags.name", contains("Billing", "Meter reading", null))
                .body("tags[2]", hasKey("name"));
        // one call for all of it, in the smallest format, disabled tags too, with the reader's token
        assertEquals(1, calls(settings));
        settings.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("format", WireMock.equalTo("compact"))
                .withQueryParam("includeDisabled", WireMock.equalTo("true"))
                .withHeader("Authorization", WireMock.matching("Bearer .+")));
    }

    @Test
    void aBrowserReadingWithItsCookieGetsTheNamesAndItsTokenAsksForThem() {
        long id = fixtures.ticket(SearchFixtures.newScope()).set("tag_ids", new Long[] { 151L }).insert();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(151, "From a browser"))));
        String token = TestTokens.token(8, "agent");

        // no Authorization header to pass on: the verified token is sent
        given().cookie("connect.sid", token).get("/api/mind/ticket/" + id).then().statusCode(200)
                .body("tags.name", contains("From a browser"));
        settings.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", WireMock.equalTo("Bearer " + token)));
    }

    @Test
    void aReadBeforeAnyLoadWaitsForTheFirstLoad() {
        long id = fixtures.ticket(SearchFixtures.newScope()).set("tag_ids", new Long[] { 111L }).insert();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(111, "First")).withFixedDelay(300)));

        read(id).statusCode(200).body("tags[0].name", equalTo("First"));
        assertEquals(1, calls(settings));
    }

    @Test
    void anUnknownIdMakesOneCallAtMostOncePerInterval() {
        String scope = SearchFixtures.newScope();
        long id = fixtures.ticket(scope).set("tag_ids", new Long[] { 121L, 122L }).insert();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(121, "Known"))));
        read(id).statusCode(200).body("tags.name", contains("Known", null));
        assertEquals(1, calls(settings));

        // tag 122 is made in settings-svc after the load: a read that finds it unknown asks again, once
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(121, "Known", 122, "Made later"))));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(
                () -> read(id).statusCode(200).body("tags.name", contains("Known", "Made later")));
        assertEquals(2, calls(settings));

        // an id settings-svc does not know either does not make every read call it
        long unknown = fixtures.ticket(scope).set("tag_ids", new Long[] { 121L, 129L }).insert();
        for (int i = 0; i < 10; i++) {
            read(unknown).statusCode(200).body("tags.name", contains("Known", null));
        }
        assertEquals(2, calls(settings), "no call within min-refresh-interval of the last");
        // once the interval has passed, a read that finds it unknown asks once more
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            read(unknown).statusCode(200);
            assertEquals(3, calls(settings));
        });
    }

    @Test
    void settingsDownOrRefusingLeavesNamesNullAndAnswersQuickly() {
        long id = fixtures.ticket(SearchFixtures.newScope()).set("tag_ids", new Long[] { 131L }).insert();

        // unreachable: the connection breaks (the call is retried, then given up)
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        long started = System.nanoTime();
        read(id).statusCode(200).body("tags[0].id", is(131)).body("tags[0]", hasKey("name"))
                .body("tags[0].name", nullValue());
        assertFast(started, 2000);
        assertTrue(calls(settings) >= 1, "settings-svc was asked");
        // tried once: the next reads do not wait
        started = System.nanoTime();
        read(id).statusCode(200).body("tags[0].name", nullValue());
        assertFast(started, 1000);

        // refusing (403 in the Mind error shape)
        directory.forget();
        settings.resetAll();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Forbidden\",\"code\":\"forbidden\",\"details\":[]}")));
        started = System.nanoTime();
        read(id).statusCode(200).body("tags[0]", hasKey("name")).body("tags[0].name", nullValue());
        assertFast(started, 2000);
        assertEquals(1, calls(settings), "a refusal is not retried");

        // 5xx answers
        directory.forget();
        settings.resetAll();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        read(id).statusCode(200).body("tags[0].name", nullValue());
        SearchFixtures.search("{\"filters\":[{\"key\":\"t.id\",\"value\":" + id + "}]}").statusCode(200)
                .body("tickets[0].tags[0]", hasKey("name")).body("tickets[0].tags[0].name", nullValue());
    }

    @Test
    void aHangingFirstLoadIsWaitedForAtMostFirstLoadWait() {
        long id = fixtures.ticket(SearchFixtures.newScope()).set("tag_ids", new Long[] { 141L }).insert();
        // slower than first-load-wait (2 s) and than the call's own timeout (5 s in tests)
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(141, "Too late")).withFixedDelay(10_000)));

        long started = System.nanoTime();
        read(id).statusCode(200).body("tags[0]", hasKey("name")).body("tags[0].name", nullValue());
        assertFast(started, 4500);
        assertEquals(1, calls(settings));
    }

    private static void assertFast(long startedNanos, long maxMillis) {
        long tookMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        assertTrue(tookMillis < maxMillis, "took " + tookMillis + " ms, more than " + maxMillis);
    }
}
