package mind.qualitycheck.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** The part of ticket-svc's {@code GET /ticket/{id}} this service reads; fields it adds later are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketRef(long id, String channel, String summary, JsonNode contractId, String sentiment,
        List<JsonNode> tags, String aiSupportLevel) {
}
