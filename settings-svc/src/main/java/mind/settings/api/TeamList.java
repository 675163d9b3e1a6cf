package mind.settings.api;

import java.util.List;

/** Answer of {@code GET /team/list}. */
public record TeamList(boolean success, List<TeamView> teams) {
}
