package mind.settings.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The {@code team_member} table: the one record of who belongs to which team. Reads take many ids at
 * once so that a page of profiles or the team list costs one query, not one per row.
 */
@ApplicationScoped
public class TeamMemberRepository {

    private final EntityManager em;

    public TeamMemberRepository(EntityManager em) {
        this.em = em;
    }

    /** Team ids (ascending) of each profile; profiles without a team are missing from the map. */
    public Map<Long, List<Long>> teamsOf(Collection<Long> profileIds) {
        return pairs("select profile_id, team_id from team_member where profile_id = any(:ids) order by profile_id, team_id",
                profileIds);
    }

    /** Member profile ids (ascending) of each team; empty teams are missing from the map. */
    public Map<Long, List<Long>> membersOf(Collection<Long> teamIds) {
        return pairs("select team_id, profile_id from team_member where team_id = any(:ids) order by team_id, profile_id",
                teamIds);
    }

    public void setTeamsOf(long profileId, Collection<Long> teamIds) {
        em.createNativeQuery("delete from team_member where profile_id = :p").setParameter("p", profileId).executeUpdate();
        for (Long teamId : teamIds) {
            em.createNativeQuery("insert into team_member (team_id, profile_id) values (:t, :p)")
                    .setParameter("t", teamId).setParameter("p", profileId).executeUpdate();
        }
    }

    public void setMembersOf(long teamId, Collection<Long> profileIds) {
        em.createNativeQuery("delete from team_member where team_id = :t").setParameter("t", teamId).executeUpdate();
        for (Long profileId : profileIds) {
            em.createNativeQuery("insert into team_member (team_id, profile_id) values (:t, :p)")
                    .setParameter("t", teamId).setParameter("p", profileId).executeUpdate();
        }
    }

    private Map<Long, List<Long>> pairs(String sql, Collection<Long> ids) {
        Map<Long, List<Long>> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter("ids", ids.toArray(Long[]::new)).getResultList();
        for (Object[] row : rows) {
            result.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add(((Number) row[1]).longValue());
        }
        return result;
    }
}
