package mind.ticket.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What ticket-svc reads from settings-svc's {@code GET /tag}: each tag's id and names. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteTags(List<Tag> tags) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tag(Long id, String name, String fullName) {
    }
}
