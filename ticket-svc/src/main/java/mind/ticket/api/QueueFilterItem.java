package mind.ticket.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A filter object as {@code POST /ticket/search} takes it: {@code key}, {@code comparator}, and
 * {@code values} (for in / not in) or {@code value} (for = / !=). Values may be strings or numbers.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "GetLatestFilter")
public record QueueFilterItem(String key, String comparator, JsonNode value, List<JsonNode> values) {
}
