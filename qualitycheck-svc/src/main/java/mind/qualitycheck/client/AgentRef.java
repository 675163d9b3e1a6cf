package mind.qualitycheck.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of aiagent-svc's {@code GET /aiAgent/{id}} this service needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentRef(long id, String name, String slug) {

    /** The id clients see on test cases and runs: the slug, or the numeric id of an agent without one. */
    public String code() {
        return slug == null || slug.isBlank() ? Long.toString(id) : slug;
    }
}
