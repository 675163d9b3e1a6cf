package mind.ticket.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An activity entry another service reports (a telephony call state, an AI run), appended as it is:
 * through {@code POST /ticket/{id}/events}, or together with the ticket it belongs to.
 */
public record ReportedEvent(String type, JsonNode data, boolean technical) {
}
