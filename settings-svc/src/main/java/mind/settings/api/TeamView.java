package mind.settings.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.Team;

/** A team: name, parent team, description and member profile ids (ascending). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeamView(
        @Schema(description = "true on single-team answers; absent in lists") Boolean success,
        long id,
        String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Long parent,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) String description,
        List<Long> memberIds) {

    public static TeamView of(Team t, List<Long> memberIds, boolean single) {
        return new TeamView(single ? Boolean.TRUE : null, t.id, t.name, t.parentId, t.description, List.copyOf(memberIds));
    }
}
