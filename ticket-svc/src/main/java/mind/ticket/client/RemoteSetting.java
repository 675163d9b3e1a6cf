package mind.ticket.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** One entry of settings-svc's {@code GET /settings} list. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteSetting(String name, JsonNode value) {
}
