package mind.ticket.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The envelopes of the conversation endpoints. */
public final class ConversationResponses {

    private ConversationResponses() {
    }

    /** {@code GET /ticket/{id}/conversation}. */
    @Schema(name = "ConversationList")
    public record ListResponse(boolean success, List<ConversationView> conversations) {
    }

    /** {@code GET /ticket/{id}/conversation/{cid}}: the fields at the top level next to success, like a ticket. */
    @Schema(name = "ConversationRead")
    public record Single(boolean success, @JsonUnwrapped ConversationView conversation) {
    }

    /** What store, reply, PATCH and forward answer: the conversation made or changed. */
    @Schema(name = "ConversationResult")
    public record Changed(boolean success, ConversationView conversation) {
    }
}
