package mind.settings.api;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One team of {@code GET /team/tree} with its sub-teams (id order). */
public record TeamNode(long id, String name, @Schema(nullable = true) Long parent, @Schema(nullable = true) String description,
        List<Long> memberIds, List<TeamNode> children) {

    static TeamNode of(TeamView v) {
        return new TeamNode(v.id(), v.name(), v.parent(), v.description(), v.memberIds(), new ArrayList<>());
    }
}
