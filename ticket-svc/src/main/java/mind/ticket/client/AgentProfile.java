package mind.ticket.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of a settings-svc profile this service reads: {@code settings.skills} and {@code settings.skillMatch}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentProfile(Settings settings) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(List<Long> skills, String skillMatch) {
    }
}
