package mind.ticket.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.support.AuthFailureHandlerProbe;

/**
 * No request computes its URL template beforehand in case its authentication fails
 * (mind.common.auth.LazyAuthFailureTemplate): every request carries one shared failure handler of Quarkus REST's class
 * instead of the new one Quarkus REST's route makes after computing the template, and a refused token is still
 * answered 401 in the error shape and counted in the metrics under its URL template.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class AuthFailureTemplateTest {

    private static final Pattern UNAUTHORIZED_BY_TEMPLATE = Pattern.compile(
            "http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/ticket/\\{ticketId}\"[^}]*} ([0-9.E]+)");

    private static final String QUARKUS_HANDLER =
            "io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder$FailingDefaultAuthFailureHandler";

    private static double unauthorizedTicketReads() {
        Matcher m = UNAUTHORIZED_BY_TEMPLATE.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void everyRequestCarriesTheOneSharedHandler() {
        String first = given().get(AuthFailureHandlerProbe.PATH).then().statusCode(200).extract().asString();
        String second = given().header("Authorization", "Bearer " + TestTokens.token(51, "agent"))
                .get(AuthFailureHandlerProbe.PATH).then().statusCode(200).extract().asString();
        String third = given().get(AuthFailureHandlerProbe.PATH).then().statusCode(200).extract().asString();
        // Quarkus REST's own class, so that the REST layer takes it out as it starts on a request
        assertTrue(first.startsWith(QUARKUS_HANDLER + "@"), first);
        // one instance: Quarkus REST's route, which computes the template first, makes a new one per request
        assertEquals(first, second);
        assertEquals(first, third);
    }

    @Test
    void aForgedTokenIs401AndCountedUnderTheTemplate() {
        String token = TestTokens.token(52, "agent");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + TestTokens.token(52, "admin").split("\\.")[1] + "." + parts[2];
        double before = unauthorizedTicketReads();
        given().header("Authorization", "Bearer " + forged).get("/api/mind/ticket/424242").then().statusCode(401)
                .body("success", is(false)).body("code", equalTo("unauthorized"))
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer " + forged).get("/api/mind/ticket/424243").then().statusCode(401);
        assertTrue(unauthorizedTicketReads() >= before + 2,
                "the refused reads are counted under /ticket/{ticketId}, not their raw paths");
    }
}
