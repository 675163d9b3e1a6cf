package mind.ticket.api;

import java.util.List;

/** Answer of {@code GET /ticket/{id}/ping}: everyone on the ticket right now, the caller included. */
public record PingResponse(boolean success, List<QueueUser> workedOnBy) {
}
