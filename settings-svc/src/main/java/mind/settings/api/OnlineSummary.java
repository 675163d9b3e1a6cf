package mind.settings.api;

import java.util.List;
import java.util.Map;

/**
 * Answer of {@code GET /profiles/onlineSummary}: how many profiles are in each status and routing
 * status (every value listed, zeros included), overall and per team.
 */
public record OnlineSummary(boolean success, long total, Map<String, Long> status, Map<String, Long> callRoutingStatus,
        Map<String, Long> chatRoutingStatus, List<TeamSummary> teams) {

    /** One team: its members by status. */
    public record TeamSummary(long teamId, String name, long total, Map<String, Long> status) {
    }
}
