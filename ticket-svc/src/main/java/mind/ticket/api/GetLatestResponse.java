package mind.ticket.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /ticket/getLatest}. */
public record GetLatestResponse(
        boolean success,
        @Schema(description = "the ticket handed to the caller; null when no free ticket matches", nullable = true)
        Long ticketId,
        @Schema(description = "when the caller's claim ends unless renewed by ping or another getLatest (YYYY-MM-DD HH:mm:ss, UTC)",
                nullable = true)
        String leaseExpiresAt) {
}
