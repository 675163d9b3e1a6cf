package mind.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.error.FieldError;

/** Answers of the update, bulk, activity, history and variables endpoints. */
public final class TicketChangeResponses {

    private TicketChangeResponses() {
    }

    /** {@code PATCH /ticket/{ticketId}}: the ticket nested under {@code ticket}, unlike GET. */
    @Schema(name = "TicketUpdated")
    public record TicketUpdated(boolean success,
            // the view's own success flag belongs to GET's top-level shape, not to a nested ticket
            @JsonIgnoreProperties("success") TicketView ticket) {
    }

    /** One item of a bulk update. */
    @Schema(name = "BulkTicketResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BulkItem(Long id, boolean success, String error, String code, List<FieldError> details) {
    }

    /** {@code PATCH /ticket}: {@code success} is true when every item succeeded. */
    @Schema(name = "BulkTicketUpdate")
    public record BulkResult(boolean success, List<BulkItem> results) {
    }

    /** An atomic bulk update that wrote nothing: the error shape plus the per-item results. */
    @Schema(name = "BulkTicketRefused")
    public record BulkRefused(boolean success, String error, String code, List<FieldError> details, List<BulkItem> results) {
    }

    @Schema(name = "TicketActivityEvent")
    public record ActivityItem(long id, String type,
            @Schema(description = "who caused it; null for the system", nullable = true) String actorId, Instant createdAt, boolean technical,
            @Schema(description = "the event's details; see the README for each type") JsonNode data) {
    }

    @Schema(name = "TicketActivity")
    public record Activity(boolean success, long total, int limit, int offset, List<ActivityItem> activity) {
    }

    @Schema(name = "TicketWorklog")
    public record Worklog(boolean success, long total, int limit, int offset, List<ActivityItem> worklog) {
    }

    @Schema(name = "TicketEventAppended")
    public record EventAppended(boolean success, long id) {
    }

    @Schema(name = "TicketHistoryItem")
    public record HistoryItem(Long id, String type, String channel, @Schema(description = "always null here", nullable = true) String subChannel,
            @Schema(nullable = true) Long subchannelId, String status, @Schema(nullable = true) String subject,
            @Schema(description = "always null here", nullable = true) String url, @Schema(description = "unix seconds") long createdAt) {
    }

    @Schema(name = "TicketHistory")
    public record History(boolean success, long total, long totalOpenedTickets, List<HistoryItem> history) {
    }

    @Schema(name = "TicketVariables")
    public record Variables(boolean success, Map<String, Object> variables) {
    }
}
