package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.SettingsSvcStub.InjectSettingsSvc;
import mind.telephony.service.AcdSettings;

/** PATCH /telephony/acd/config: admins change the ACD settings, written through settings-svc with their token. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
@WithTestResource(SettingsSvcStub.class)
class AcdConfigChangeTest {

    static final String PATH = CallStubs.BASE + "acd/config";

    @InjectSettingsSvc
    WireMockServer settingsSvc;

    @Inject
    AcdSettings acd;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @BeforeEach
    void reset() {
        settingsSvc.resetAll();
        circuitBreakers.resetAll();
        acd.forget();
        CallStubs.settingsSvc(settingsSvc, 600);
        settingsSvc.stubFor(post(urlPathEqualTo("/api/mind/settings")).willReturn(okJson("{\"success\":true}")));
    }

    private static Response patch(String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body).patch(PATH);
    }

    @Test
    void anAdminsChangeIsWrittenToSettingsWithTheAdminsToken() {
        String admin = TestTokens.admin();
        patch(admin, """
                {"wrapUpSeconds":45,"enabled":false,
                 "queues":[{"name":"Billing","skills":[46],"subchannelIds":[5]},{"name":"Move","skills":[47]}]}""")
                .then().statusCode(200).body("success", is(true)).body("routingOrder", is("longestIdle"))
                .header("ETag", notNullValue());
        settingsSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/settings"))
                .withHeader("Authorization", equalTo(admin))
                .withRequestBody(equalToJson("""
                        {"acdWrapUpSeconds":45,"acdEnabled":false,
                         "acdQueues":[{"name":"Billing","skills":[46],"subchannelIds":[5]},
                                      {"name":"Move","skills":[47],"subchannelIds":null}]}""")));
    }

    @Test
    void invalidValuesAreRefusedNamingTheFieldAndNothingIsWritten() {
        String admin = TestTokens.admin();
        patch(admin, "{\"wrapUpSeconds\":-1}").then().statusCode(400).body("details[0].field", is("wrapUpSeconds"));
        patch(admin, "{\"maxWaitSeconds\":null}").then().statusCode(400).body("details[0].field", is("maxWaitSeconds"));
        patch(admin, "{\"ringTimeoutSeconds\":301}").then().statusCode(400).body("details[0].field", is("ringTimeoutSeconds"));
        patch(admin, "{\"enabled\":\"perhaps\"}").then().statusCode(400).body("details[0].field", containsString("enabled"));
        patch(admin, "{\"routingOrder\":\"fifo\"}").then().statusCode(400).body("details[0].field", is("routingOrder"));
        patch(admin, "{\"queues\":[{\"skills\":[46]}]}").then().statusCode(400).body("details[0].field", is("queues[0].name"));
        patch(admin, "{\"queues\":[{\"name\":\"A\",\"skills\":[0]}]}").then().statusCode(400)
                .body("details[0].field", is("queues[0].skills"));
        patch(admin, "{\"queues\":[{\"name\":\"A\",\"subchannelIds\":[5]},{\"name\":\"B\",\"subchannelIds\":[5]}]}")
                .then().statusCode(400).body("details[0].field", is("queues[1].subchannelIds"));
        settingsSvc.verify(0, postRequestedFor(urlPathEqualTo("/api/mind/settings")));
    }

    @Test
    void aValueSettingsRefusesIsA400NamingOurField() {
        settingsSvc.stubFor(post(urlPathEqualTo("/api/mind/settings")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"success":false,"code":"validation_failed","error":"acdMaxWaitSeconds: must be at most 86400",
                         "details":[{"field":"acdMaxWaitSeconds","message":"must be at most 86400"}]}""")));
        patch(TestTokens.admin(), "{\"maxWaitSeconds\":500}").then().statusCode(400)
                .body("details[0].field", is("maxWaitSeconds"))
                .body("error", not(containsString("acdMaxWaitSeconds")));
    }

    @Test
    void ifMatchGuardsAgainstAChangeInBetween() {
        String etag = given().header("Authorization", TestTokens.agent(42)).get(PATH).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
        given().header("Authorization", TestTokens.admin()).header("If-Match", "\"12345\"").contentType(ContentType.JSON)
                .body("{\"wrapUpSeconds\":20}").patch(PATH).then().statusCode(412);
        settingsSvc.verify(0, postRequestedFor(urlPathEqualTo("/api/mind/settings")));
        given().header("Authorization", TestTokens.admin()).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"wrapUpSeconds\":20}").patch(PATH).then().statusCode(200);
        settingsSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/settings")));
    }

    @Test
    void onlyAdminsMayChangeIt() {
        patch(TestTokens.agent(42), "{\"wrapUpSeconds\":20}").then().statusCode(403);
        patch(TestTokens.serviceWorker(), "{\"wrapUpSeconds\":20}").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"wrapUpSeconds\":20}").patch(PATH).then().statusCode(401);
        settingsSvc.verify(0, postRequestedFor(urlPathEqualTo("/api/mind/settings")));
    }

    @Test
    void settingsDownIsA503() {
        settingsSvc.stubFor(post(urlPathEqualTo("/api/mind/settings")).willReturn(aResponse().withStatus(503)));
        patch(TestTokens.admin(), "{\"wrapUpSeconds\":20}").then().statusCode(503).header("Retry-After", notNullValue());
    }
}
