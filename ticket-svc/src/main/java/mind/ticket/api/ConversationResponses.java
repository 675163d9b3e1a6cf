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
    public record ListResponse(boolean success,
            @Schema(description = "oldest first; the page that limit and offset ask for (by default the first "
                    + "1000, which is the whole thread unless total is larger)") List<ConversationView> conversations,
            @Schema(description = "how many conversations match the filters in all, whatever limit and offset; more "
                    + "than offset plus the conversations answered means the thread goes on past this page") long total) {
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
