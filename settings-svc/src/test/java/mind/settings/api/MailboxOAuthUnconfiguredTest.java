package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Without a Microsoft app configured (the default profile): a clear 501, and the callback, the one public
 * path, answers without a token while its neighbours do not.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class MailboxOAuthUnconfiguredTest {

    @Test
    void startingAnAuthorizationSaysWhatIsMissing() {
        long subchannelId = MailboxOAuthFlowTest.emailSubchannel();
        given().header("Authorization", TestTokens.admin()).queryParam("subchannelId", subchannelId).redirects().follow(false)
                .get(MailboxOAuthFlowTest.AUTHORIZE).then().statusCode(501)
                .body("code", equalTo("mailbox_oauth_not_configured"));
        // a bare call (a new mailbox) too
        given().header("Authorization", TestTokens.admin()).redirects().follow(false)
                .get(MailboxOAuthFlowTest.AUTHORIZE).then().statusCode(501)
                .body("code", equalTo("mailbox_oauth_not_configured"));
    }

    @Test
    void onlyTheCallbackIsPublic() {
        given().queryParam("state", "x").queryParam("code", "y").get(MailboxOAuthFlowTest.CALLBACK).then().statusCode(400)
                .body("success", is(false)).body("code", equalTo("invalid_state"));
        given().queryParam("subchannelId", 1).redirects().follow(false).get(MailboxOAuthFlowTest.AUTHORIZE)
                .then().statusCode(401);
        given().queryParam("subchannelId", 1).get("/api/mind/settings/mailbox/microsoft/status").then().statusCode(401);
        given().get("/api/mind/settings/user-defined-function").then().statusCode(401);
    }

    /** local's ContractIT reads who may call what from the OpenAPI document: the callback must be public there too. */
    @Test
    void theOpenApiDocumentShowsTheCallbackAsTheOnlyPublicOperationHere() {
        var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String paths = "paths.'/api/mind/settings/mailbox/microsoft/";
        org.junit.jupiter.api.Assertions.assertTrue(
                document.getList(paths + "callback'.get.security") == null
                        || document.getList(paths + "callback'.get.security").stream().allMatch(r -> ((java.util.Map<?, ?>) r).isEmpty()),
                "the callback has no security requirement");
        org.hamcrest.MatcherAssert.assertThat(document.getList(paths + "authorization'.get.security.SecurityScheme.flatten()"),
                org.hamcrest.Matchers.contains("admin"));
    }
}
