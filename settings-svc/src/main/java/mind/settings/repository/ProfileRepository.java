package mind.settings.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import mind.settings.domain.Profile;

@ApplicationScoped
public class ProfileRepository implements PanacheRepository<Profile> {

    public List<Profile> page(int limit, int offset) {
        return findAll(Sort.by("id")).range(offset, offset + limit - 1).list();
    }

    /**
     * Sets a routing status only when the current one is {@code ifCurrentCall} / {@code ifCurrentChat} (null: whatever it is) and,
     * when given, the version matches, in one statement, so two racing requests cannot both succeed.
     *
     * @return rows changed, 0 or 1
     */
    public int compareAndSetRouting(long id, String callStatus, String chatStatus, String ifCurrentCall,
            String ifCurrentChat, Integer version, Instant now) {
        StringBuilder sql = new StringBuilder("update profile set version = version + 1, modified_at = :now, last_seen = :now");
        if (callStatus != null) {
            sql.append(", call_routing_status = :call");
        }
        if (chatStatus != null) {
            sql.append(", chat_routing_status = :chat");
        }
        sql.append(" where id = :id");
        boolean checkCall = ifCurrentCall != null && callStatus != null;
        boolean checkChat = ifCurrentChat != null && chatStatus != null;
        if (checkCall) {
            sql.append(" and call_routing_status = :ifCurrentCall");
        }
        if (checkChat) {
            sql.append(" and chat_routing_status = :ifCurrentChat");
        }
        if (version != null) {
            sql.append(" and version = :version");
        }
        var query = getEntityManager().createNativeQuery(sql.toString()).setParameter("now", now).setParameter("id", id);
        if (callStatus != null) {
            query.setParameter("call", callStatus);
        }
        if (chatStatus != null) {
            query.setParameter("chat", chatStatus);
        }
        if (checkCall) {
            query.setParameter("ifCurrentCall", ifCurrentCall);
        }
        if (checkChat) {
            query.setParameter("ifCurrentChat", ifCurrentChat);
        }
        if (version != null) {
            query.setParameter("version", version);
        }
        return query.executeUpdate();
    }

    /** Records that the profile was active, at most once per {@code granularity} seconds, without touching its version. */
    public void touch(long id, Instant now, long granularitySeconds) {
        getEntityManager().createNativeQuery("update profile set last_seen = :now where id = :id "
                + "and (last_seen is null or last_seen < :since)")
                .setParameter("now", now).setParameter("id", id).setParameter("since", now.minusSeconds(granularitySeconds))
                .executeUpdate();
    }

    /** Removes a deleted tag from every profile's skills and backlog restrictions; each profile changed gets a new version. */
    public void forgetTag(long tagId) {
        getEntityManager().createNativeQuery("update profile set version = version + 1, skills = array_remove(skills, :t), "
                + "backlog_tag_restrictions = array_remove(backlog_tag_restrictions, :t) "
                + "where :t = any(skills) or :t = any(backlog_tag_restrictions)")
                .setParameter("t", tagId).executeUpdate();
    }

    /** Counts of (status, callRoutingStatus, chatRoutingStatus) combinations, overall. */
    @SuppressWarnings("unchecked")
    public List<Object[]> statusCounts() {
        return getEntityManager().createNativeQuery("select status, call_routing_status, chat_routing_status, count(*) "
                + "from profile group by 1, 2, 3").getResultList();
    }

    /** Counts of status per team (team id, status, count). */
    @SuppressWarnings("unchecked")
    public List<Object[]> statusCountsByTeam() {
        return getEntityManager().createNativeQuery("select m.team_id, p.status, count(*) from team_member m "
                + "join profile p on p.id = m.profile_id group by 1, 2 order by 1").getResultList();
    }
}
