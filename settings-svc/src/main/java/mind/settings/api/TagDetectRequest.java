package mind.settings.api;

import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /tag/{id}/detect}. */
@Schema(name = "TagDetectRequest")
public record TagDetectRequest(
        @Positive @Schema(description = "The ticket to test: read from ticket-svc when data is not sent; echoed in the "
                + "answer") Long ticketId,
        @Schema(description = "Unsaved tag settings to test instead of the stored ones: a tag object or an array of "
                + "them; the entry whose id is the path's id (or the only one without an id) gives detectionDetails, "
                + "channels and subchannels") JsonNode testTags,
        @Schema(description = "The ticket's fields to test against: subject, body, channel, subchannelId, from, "
                + "customer, contract, ... (any JSON object; conditions address it by dotted paths)") JsonNode data) {
}
