package mind.ticket.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What ticket-svc reads from settings-svc's {@code GET /profile/{id}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteProfile(Long id, String firstName, String lastName, String email, String phone, String type,
        Integer isSsoOnly, String lang, String nameAlias, String externalId, String role, Settings settings) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(String status, List<Long> skills, String skillMatch, List<Long> teamIds) {
    }
}
