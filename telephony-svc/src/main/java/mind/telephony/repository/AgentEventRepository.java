package mind.telephony.repository;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * The agents' events ({@code agent_event}); rows are written by the database itself (trigger
 * {@code queue_entry_open_ticket}, V6) in the transaction that assigns a call. Callers bring the transaction.
 */
@ApplicationScoped
public class AgentEventRepository {

    /** One event as a stream sends it: the SSE id and the JSON data. */
    public record AgentEvent(long id, String payload) {
    }

    private final EntityManager em;

    public AgentEventRepository(EntityManager em) {
        this.em = em;
    }

    /** The agent's newest event id (0 when none): where a stream without Last-Event-ID starts. */
    public long latestId(long userId) {
        Object max = em.createNativeQuery("select coalesce(max(id), 0) from agent_event where user_id = ?1")
                .setParameter(1, userId).getSingleResult();
        return ((Number) max).longValue();
    }

    /** The agent's events after {@code afterId}, oldest first, at most {@code limit}, none older than {@code window}. */
    @SuppressWarnings("unchecked")
    public List<AgentEvent> after(long userId, long afterId, Duration window, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, cast(payload as text) as payload from agent_event
                where user_id = ?1 and id > ?2 and created_at > now() - make_interval(secs => ?3)
                order by id limit ?4""")
                .setParameter(1, userId)
                .setParameter(2, afterId)
                .setParameter(3, window.toMillis() / 1000.0)
                .setParameter(4, limit)
                .unwrap(NativeQuery.class)
                .addScalar("id", Long.class)
                .addScalar("payload", String.class)
                .getResultList();
        return rows.stream().map(r -> new AgentEvent((Long) r[0], (String) r[1])).toList();
    }

    /** Deletes events older than {@code window}; returns how many. */
    public int prune(Duration window) {
        return em.createNativeQuery("delete from agent_event where created_at < now() - make_interval(secs => ?1)")
                .setParameter(1, window.toMillis() / 1000.0).executeUpdate();
    }
}
