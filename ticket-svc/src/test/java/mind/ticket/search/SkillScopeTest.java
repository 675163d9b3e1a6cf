package mind.ticket.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static mind.ticket.search.SearchFixtures.body;
import static mind.ticket.search.SearchFixtures.searchAs;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** ticketScope=skills: the caller's skills from settings-svc (WireMock), spam left out, 503 when it is down. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class SkillScopeTest {

    @SettingsServiceStub.InjectSettings
    WireMockServer settings;

    @Inject
    SearchFixtures fixtures;

    private static final String SKILLS = "\"ticketScope\":\"skills\",\"orderByField\":\"t.id\",\"orderByDirection\":\"asc\"";

    private static Object[] boxed(long... ids) {
        Object[] out = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Test
    void atLeastOneSkillOrEverySkillAndNoSpam() {
        String scope = SearchFixtures.newScope();
        long billing = fixtures.ticket(scope).set("tag_ids", new Long[] { 12L }).insert();
        long billingAndMeter = fixtures.ticket(scope).set("tag_ids", new Long[] { 12L, 13L }).insert();
        long meter = fixtures.ticket(scope).set("tag_ids", new Long[] { 13L }).insert();
        long untagged = fixtures.ticket(scope).insert();
        long spam = fixtures.ticket(scope).set("tag_ids", new Long[] { 12L }).set("spam_status", "auto_spam").insert();
        long clean = fixtures.ticket(scope).set("tag_ids", new Long[] { 12L }).set("spam_status", "manual_clean").insert();

        settings.stubFor(get(urlEqualTo("/api/mind/profile/31")).willReturn(okJson(
                "{\"id\":31,\"settings\":{\"skills\":[12],\"skillMatch\":\"AT_LEAST_ONE\",\"status\":\"online\"}}")));
        settings.stubFor(get(urlEqualTo("/api/mind/profile/32")).willReturn(okJson(
                "{\"id\":32,\"settings\":{\"skills\":[12,13],\"skillMatch\":\"ALL\"}}")));

        searchAs(TestTokens.agent(31), body(scope, SKILLS)).statusCode(200)
                .body("tickets.id", contains(boxed(billing, billingAndMeter, clean)));
        // ALL: the ticket carries every skill of the agent, as in the work queue
        searchAs(TestTokens.agent(32), body(scope, SKILLS)).statusCode(200)
                .body("tickets.id", contains(boxed(billingAndMeter)));
        // the caller's own token goes to settings-svc
        settings.verify(getRequestedFor(urlEqualTo("/api/mind/profile/31"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
        // without the scope every ticket is listed, spam included
        searchAs(TestTokens.agent(31), body(scope, "\"orderByDirection\":\"asc\"")).statusCode(200)
                .body("tickets.id", contains(boxed(billing, billingAndMeter, meter, untagged, spam, clean)));
    }

    @Test
    void aProfileSettingsDoesNotKnowHasNoSkills() {
        String scope = SearchFixtures.newScope();
        fixtures.ticket(scope).set("tag_ids", new Long[] { 12L }).insert();
        settings.stubFor(get(urlEqualTo("/api/mind/profile/33")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"no such profile\",\"code\":\"not_found\",\"details\":[]}")));
        searchAs(TestTokens.agent(33), body(scope, SKILLS)).statusCode(200).body("tickets", empty()).body("total", is(0));
    }

    @Test
    void settingsDownIs503WithRetryAfter() {
        String scope = SearchFixtures.newScope();
        settings.stubFor(get(urlEqualTo("/api/mind/profile/34")).willReturn(aResponse().withStatus(500)));
        searchAs(TestTokens.agent(34), body(scope, SKILLS)).statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", is(false));
        settings.verify(com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(1),
                getRequestedFor(urlEqualTo("/api/mind/profile/34")).withHeader("Accept", equalTo("application/json")));
    }
}
