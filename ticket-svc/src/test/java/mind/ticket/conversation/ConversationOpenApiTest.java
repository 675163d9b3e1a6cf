package mind.ticket.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import mind.ticket.search.SettingsServiceStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import mind.common.testing.MindTestResource;

/**
 * The new operations are in this service's OpenAPI document with their role lists, and their schema
 * names are specific enough not to collide in the merged document of all services.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
@WithTestResource(AiAgentServiceStub.class)
// settings-svc: the same resources as AutoProcessableTest, so that they share one application
@WithTestResource(SettingsServiceStub.class)
class ConversationOpenApiTest {

    @Test
    void operationsAndSchemaNames() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/mind/ticket/{ticketId}/conversation"))
                .body("paths", hasKey("/api/mind/ticket/{ticketId}/conversation/{conversationId}"))
                .body("paths", hasKey("/api/mind/ticket/{ticketId}/conversation/store"))
                .body("paths", hasKey("/api/mind/ticket/{ticketId}/conversation/reply"))
                .body("paths", hasKey("/api/mind/ticket/{ticketId}/forward"))
                .body("paths", hasKey("/api/mind/ticket/{ticketId}/autoexecute"))
                .body("paths.'/api/mind/ticket/{ticketId}/autoexecute'.post.responses", hasKey("207"))
                .body("paths.'/api/mind/ticket/{ticketId}/autoprocess'.post.responses", hasKey("207"))
                .body("paths.'/api/mind/ticket/{ticketId}/autoprocess'.post.deprecated", is(true))
                .body("components.schemas", hasKey("Conversation"))
                .body("components.schemas", hasKey("ConversationReplyRequest"))
                .body("components.schemas", not(hasKey("Content")))
                .body("components.schemas", not(hasKey("Sender")))
                .body("components.schemas", not(hasKey("Outcome")));
    }

    /** Recipient fields are documented as one string or an array; types list enneo's message types too. */
    @Test
    void recipientsAreAStringOrAnArrayAndTypesIncludeEnneos() {
        JsonPath document = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        for (String property : List.of("ConversationReplyRequest.properties.to", "ConversationReplyRequest.properties.cc",
                "ConversationReplyRequest.properties.bcc", "TicketForwardRequest.properties.toEmail",
                "TicketForwardRequest.properties.cc", "TicketForwardRequest.properties.bcc",
                "ConversationStoreRequest.properties.to", "ConversationStoreRequest.properties.ccEmails",
                "ConversationStoreRequest.properties.bccEmails")) {
            String at = "components.schemas." + property;
            assertNull(document.get(at + ".type"), property + " has no type that would refuse one of the two forms");
            assertEquals(List.of("string", "array"), document.getList(at + ".oneOf.type"), property);
            assertEquals("string", document.get(at + ".oneOf[1].items.type"), property);
        }
        // (a text enum admits null: common's schema cleanup)
        assertEquals(Arrays.asList("email", "chat", "phone", "letter", "portal", "system", "walkIn", "note", "text", "html",
                "neo", "agent_request", "agent_response", null), document.getList("components.schemas.ConversationType.enum"));
    }
}
