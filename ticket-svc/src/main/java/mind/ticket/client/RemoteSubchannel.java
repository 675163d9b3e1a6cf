package mind.ticket.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** settings-svc's {@code GET /settings/subchannel/{id}}, as far as mail needs it (secrets in data come masked). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteSubchannel(Subchannel subchannel) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subchannel(long id, String channel, String name, JsonNode data) {
    }
}
