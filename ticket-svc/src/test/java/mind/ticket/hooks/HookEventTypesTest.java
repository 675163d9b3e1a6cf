package mind.ticket.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The ticket event log's types and the event hook types they are relayed as. */
class HookEventTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "created           | {\"channel\":\"email\",\"process\":\"requested\"}            | TicketCreated",
            "created           | {\"channel\":\"email\",\"process\":\"off\"}                  | NonAiTicketCreated",
            "created           | {}                                                          | TicketCreated",
            "upserted          | {\"externalTicketId\":\"x-1\"}                               | TicketUpdated",
            "fieldChanged      | {\"field\":\"priority\",\"old\":\"low\",\"new\":\"high\"}     | TicketUpdated",
            "tagsChanged       | {\"added\":[1],\"removed\":[]}                               | TicketUpdated",
            "attachmentDeleted | {\"attachmentId\":1}                                        | TicketUpdated",
            "claimed           | {\"agentId\":\"7\"}                                          | TicketRouted",
            "forwarded         | {\"toEmail\":[\"a@b.c\"],\"conversationId\":3}               | TicketForwarded",
            "conversationAdded | {\"direction\":\"out\",\"isDraft\":false,\"private\":false}   | ConversationCreated",
            "conversationAdded | {\"direction\":\"internal\",\"isDraft\":false}               | ConversationCreated",
            "conversationAdded | {\"direction\":\"in\",\"isDraft\":false}                     | TicketResponse",
            "conversationAdded | {}                                                          | ConversationCreated",
            "conversationAdded | {\"direction\":\"out\",\"isDraft\":true}                     | -",
            "conversationChanged | {\"isDraft\":{\"old\":true,\"new\":false}}                  | ConversationCreated",
            "conversationChanged | {\"body\":true}                                            | -",
            "conversationChanged | {\"isDraft\":{\"old\":false,\"new\":true}}                  | -",
            // written with every status change's fieldChanged: relayed once, as that
            "statusChanged     | {\"old\":\"open\",\"new\":\"closed\"}                         | -",
            "released          | {\"reason\":\"expired\"}                                     | -",
            "refreshRequested  | {\"mode\":\"full\"}                                          | -",
            "replied           | {\"to\":[\"a@b.c\"]}                                          | -",
            "mailFailed        | {}                                                          | -",
            "autoexecuted      | {}                                                          | -",
            "callConnected     | {\"channelId\":\"c-1\",\"userId\":7}                       | CallStarted",
            "callCompleted     | {\"channelId\":\"c-1\",\"status\":\"completed\"}            | CallCompleted",
            "deleted           | {\"ticketId\":5,\"status\":\"open\"}                    | TicketDeleted",
            "dueByOverdue      | {\"dueBy\":\"2026-01-02 10:00:00\",\"status\":\"open\"}     | TicketDueByOverdue",
            "callDeclined      | {\"channelId\":\"c-1\"}                                      | -",
            "callRouted        | {\"userId\":7}                                              | -" })
    void mapsEachTicketEventType(String ticketEvent, String data, String expected) throws Exception {
        assertEquals(Optional.ofNullable(expected), HookEventTypes.of(ticketEvent, JSON.readTree(data)));
    }

    @Test
    void missingOrMalformedDataReadsAsEmpty() {
        assertEquals(Optional.of("TicketCreated"), HookEventTypes.of("created", null));
        JsonNode notAnObject = JSON.getNodeFactory().textNode("off");
        assertEquals(Optional.of("ConversationCreated"), HookEventTypes.of("conversationAdded", notAnObject));
    }
}
