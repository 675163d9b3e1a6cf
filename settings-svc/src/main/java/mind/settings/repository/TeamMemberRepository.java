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

    /**
     * Makes the profile a member of exactly these teams. Every team that gains or loses the profile gets a new
     * version in the statement that changes its membership (its memberIds, hence its ETag, change).
     */
    public void setTeamsOf(long profileId, Collection<Long> teamIds) {
        Long[] ids = teamIds.toArray(Long[]::new);
        em.createNativeQuery("""
                with gone as (delete from team_member where profile_id = :p and team_id <> all(:ids) returning team_id)
                update team set version = version + 1 where id in (select team_id from gone)""")
                .setParameter("p", profileId).setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("""
                with added as (insert into team_member (team_id, profile_id) select u.id, :p from unnest(:ids) as u (id)
                               on conflict do nothing returning team_id)
                update team set version = version + 1 where id in (select team_id from added)""")
                .setParameter("p", profileId).setParameter("ids", ids).executeUpdate();
    }

    /**
     * Makes exactly these profiles the team's members. Every profile that joins or leaves gets a new version in
     * the statement that changes its membership (its settings.teamIds, hence its ETag, change).
     */
    public void setMembersOf(long teamId, Collection<Long> profileIds) {
        Long[] ids = profileIds.toArray(Long[]::new);
        em.createNativeQuery("""
                with gone as (delete from team_member where team_id = :t and profile_id <> all(:ids) returning profile_id)
                update profile set version = version + 1 where id in (select profile_id from gone)""")
                .setParameter("t", teamId).setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("""
                with added as (insert into team_member (team_id, profile_id) select :t, u.id from unnest(:ids) as u (id)
                               on conflict do nothing returning profile_id)
                update profile set version = version + 1 where id in (select profile_id from added)""")
                .setParameter("t", teamId).setParameter("ids", ids).executeUpdate();
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
