package mind.settings.people;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.support.TicketStub;

/** {@code POST /tag/{id}/detect} with only a ticketId: the ticket is read from a stand-in ticket-svc. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketStub.class)
class TagDetectTicketTest {

    @TicketStub.InjectTicket
    WireMockServer ticketSvc;

    @BeforeEach
    void reset() {
        ticketSvc.resetAll();
    }

    @Test
    void theNamedTicketIsReadWithTheCallersTokenAndTested() {
        int id = TagDetectTest.tag(TagDetectTest.BILLING);
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/77")).willReturn(okJson("{\"success\":true,\"id\":77,"
                + "\"subject\":\"Meine Rechnung\",\"body\":\"<p>Hallo</p>\",\"channel\":\"email\",\"priority\":\"low\","
                + "\"customer\":{\"tariff\":\"basic\"}}")));
        String admin = TestTokens.admin();
        TagDetectTest.as(admin).body("{\"ticketId\":77}").post(TagDetectTest.PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(true)).body("ticketId", is(77));
        ticketSvc.verify(getRequestedFor(urlPathEqualTo("/api/mind/ticket/77"))
                .withQueryParam("viewing", equalTo("false")).withQueryParam("includeCustomer", equalTo("true"))
                .withHeader("Authorization", equalTo(admin)));
    }

    @Test
    void dataSentWinsAndNoTicketIsRead() {
        int id = TagDetectTest.tag(TagDetectTest.BILLING);
        TagDetectTest.as(TestTokens.admin()).body("{\"ticketId\":77,\"data\":{\"subject\":\"hello\",\"channel\":\"email\","
                + "\"priority\":\"low\",\"customer\":{\"tariff\":\"basic\"}}}").post(TagDetectTest.PATH + "/" + id + "/detect")
                .then().statusCode(200).body("match", is(false));
        ticketSvc.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnknownTicketIs404NamingTicketIdAndTicketSvcFailingIs503() {
        int id = TagDetectTest.tag(TagDetectTest.BILLING);
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/404")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Ticket 404 not found\",\"code\":\"not_found\",\"details\":[]}")));
        TagDetectTest.as(TestTokens.admin()).body("{\"ticketId\":404}").post(TagDetectTest.PATH + "/" + id + "/detect")
                .then().statusCode(404).body("details[0].field", is("ticketId"));
        ticketSvc.stubFor(get(urlPathEqualTo("/api/mind/ticket/500")).willReturn(aResponse().withStatus(500)));
        TagDetectTest.as(TestTokens.admin()).body("{\"ticketId\":500}").post(TagDetectTest.PATH + "/" + id + "/detect")
                .then().statusCode(503).header("Retry-After", notNullValue());
        // an unknown tag is a 404 before any ticket is read
        TagDetectTest.as(TestTokens.admin()).body("{\"ticketId\":77}").post(TagDetectTest.PATH + "/987654321/detect")
                .then().statusCode(404);
        ticketSvc.verify(0, getRequestedFor(urlPathEqualTo("/api/mind/ticket/77")));
    }
}
