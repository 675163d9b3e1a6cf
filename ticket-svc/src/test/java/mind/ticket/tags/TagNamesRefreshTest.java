package mind.ticket.tags;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mind.ticket.tags.TagAnswers.PATH;
import static mind.ticket.tags.TagAnswers.calls;
import static mind.ticket.tags.TagAnswers.read;
import static mind.ticket.tags.TagAnswers.tags;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.search.SearchFixtures;
import mind.ticket.search.SettingsServiceStub;
import mind.ticket.service.TagDirectory;

/**
 * Tag names are refreshed by age (ttl 500 ms here), stale while revalidating: a read that finds them outdated answers
 * with them at once and starts one call to settings-svc (WireMock), however many reads find them outdated together;
 * the reads after it show the new names. When settings-svc is down the names read before are kept.
 */
@QuarkusTest
@TestProfile(TagNamesProfiles.ShortTtl.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class TagNamesRefreshTest {

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
    void aRenamedTagShowsItsNewNameAfterTheTtl() {
        long id = fixtures.ticket(SearchFixtures.newScope()).set("tag_ids", new Long[] { 201L }).insert();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(201, "Old name"))));
        read(id).statusCode(200).body("tags[0].name", equalTo("Old name"));

        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(201, "New name"))));
        // the read that finds the names outdated answers with them; it only starts the refresh
        read(id).statusCode(200).body("tags[0].name", equalTo("Old name"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(
                () -> read(id).statusCode(200).body("tags[0].name", equalTo("New name")));
    }

    @Test
    void concurrentReadsOfOutdatedNamesMakeOneCall() throws Exception {
        long id = fixtures.ticket(SearchFixtures.newScope()).set("tag_ids", new Long[] { 211L }).insert();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(211, "Before"))));
        read(id).statusCode(200).body("tags[0].name", equalTo("Before"));
        assertEquals(1, calls(settings));

        // settings-svc answers slowly now: the refresh is still under way while all the reads run
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(211, "After")).withFixedDelay(3000)));
        await().atMost(Duration.ofSeconds(5)).until(directory::stale);
        List<Response> reads = Concurrently.run(16, () -> RestAssured.given()
                .header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id));
        for (Response r : reads) {
            assertEquals(200, r.statusCode(), r.asString());
            // answered with what was held, without waiting for the slow call
            assertEquals("Before", r.path("tags[0].name"));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(2, calls(settings)));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(
                () -> read(id).statusCode(200).body("tags[0].name", equalTo("After")));
        assertEquals(2, calls(settings), "one call for all the reads that found the names outdated");
    }

    @Test
    void namesReadBeforeAreKeptWhileSettingsIsDown() {
        long id = fixtures.ticket(SearchFixtures.newScope()).set("tag_ids", new Long[] { 221L }).insert();
        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(tags(221, "Kept"))));
        read(id).statusCode(200).body("tags[0].name", equalTo("Kept"));

        settings.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        await().atMost(Duration.ofSeconds(5)).until(directory::stale);
        read(id).statusCode(200).body("tags[0].name", equalTo("Kept"));
        // a refresh was tried (and retried) and failed; the names stay
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(4, calls(settings)));
        read(id).statusCode(200).body("tags[0].name", equalTo("Kept"));
    }
}
