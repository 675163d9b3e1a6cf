package mind.ticket.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of compact tickets, the number of all matches, and the page as applied. */
@Schema(name = "TicketSearchResponse")
public record TicketSearchResponse(List<TicketSearchRow> tickets, long total, int offset, int limit, boolean success) {
}
