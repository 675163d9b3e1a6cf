package mind.ticket.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /ticket/getLatest}; every field is optional. */
public record GetLatestRequest(
        @Schema(description = "earliest (default): the ticket you hold, else the first free one; next / previous: "
                + "the first free ticket after / before ticketId in the queue's order (your claim is given up)")
        QueueDirection preferredDirection,
        @Schema(description = "the current ticket; required with next and previous")
        Long ticketId,
        @Schema(description = "restrict the queue: keys t.channel, t.priority, t.status, tt.tagId (or without "
                + "the prefix: channel, priority, status, tagId) with in, not in (values) or =, != (value)")
        List<QueueFilterItem> filters) {

    @Schema(name = "GetLatestDirection")
    public enum QueueDirection {
        earliest, previous, next
    }
}
