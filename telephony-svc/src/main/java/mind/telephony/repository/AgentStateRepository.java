package mind.telephony.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * The agents' rows in {@code agent_state}: which call an agent holds (the lock that keeps native routing
 * from giving one agent two calls, across replicas) and since when the agent is idle. Every statement is a
 * single conditional write, so racing replicas settle in the database.
 */
@ApplicationScoped
public class AgentStateRepository {

    /** An agent's row: the call held (null: free), since when idle (null: no call seen yet). */
    public record AgentRow(long userId, Long currentEntryId, Instant lastCallEndedAt, Instant reservedAt) {
    }

    private final EntityManager em;

    public AgentStateRepository(EntityManager em) {
        this.em = em;
    }

    /** The rows of these agents (agents without a row are missing from the map). */
    public Map<Long, AgentRow> of(List<Long> userIds) {
        Map<Long, AgentRow> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        rows(em.createNativeQuery("""
                select user_id, current_entry_id, last_call_ended_at, reserved_at from agent_state
                where user_id = any(?1)""").setParameter(1, userIds.toArray(Long[]::new)))
                .forEach(r -> out.put(r.userId(), r));
        return out;
    }

    /** The agent holding this call, if any. */
    public Optional<AgentRow> holderOf(long entryId) {
        return rows(em.createNativeQuery("""
                select user_id, current_entry_id, last_call_ended_at, reserved_at from agent_state
                where current_entry_id = ?1""").setParameter(1, entryId)).stream().findFirst();
    }

    /**
     * Gives the call to the agent when the agent holds none (or already holds this one); false when the
     * agent is taken. The row lock of the upsert serializes replicas racing for one agent.
     */
    public boolean take(long userId, long entryId) {
        return !em.createNativeQuery("""
                insert into agent_state (user_id, current_entry_id, reserved_at, updated_at) values (?1, ?2, now(), now())
                on conflict (user_id) do update set current_entry_id = excluded.current_entry_id,
                    reserved_at = excluded.reserved_at, updated_at = now()
                where agent_state.current_entry_id is null or agent_state.current_entry_id = excluded.current_entry_id
                returning user_id""").setParameter(1, userId).setParameter(2, entryId).getResultList().isEmpty();
    }

    /** Frees the agent from this call (no change when the agent holds another or none). */
    public boolean release(long userId, long entryId) {
        return em.createNativeQuery("""
                update agent_state set current_entry_id = null, reserved_at = null, updated_at = now()
                where user_id = ?1 and current_entry_id = ?2""")
                .setParameter(1, userId).setParameter(2, entryId).executeUpdate() == 1;
    }

    /**
     * The call ended: whoever held it is free, and the agent who took it is idle from {@code at} (a row is
     * made for an agent connected by an external router, so that they too have an idle-since).
     */
    public void callEnded(long entryId, Long userId, Instant at) {
        em.createNativeQuery("""
                update agent_state set current_entry_id = null, reserved_at = null, updated_at = now()
                where current_entry_id = ?1""").setParameter(1, entryId).executeUpdate();
        if (userId != null) {
            em.createNativeQuery("""
                    insert into agent_state (user_id, last_call_ended_at, updated_at) values (?1, ?2, now())
                    on conflict (user_id) do update set updated_at = now(),
                        last_call_ended_at = greatest(agent_state.last_call_ended_at, excluded.last_call_ended_at)""")
                    .setParameter(1, userId).setParameter(2, at).executeUpdate();
        }
    }

    /** Frees every agent whose call is over (completed or declined); answers how many were freed. */
    public int releaseFinished() {
        return em.createNativeQuery("""
                update agent_state a set current_entry_id = null, reserved_at = null, updated_at = now()
                from queue_entry q
                where a.current_entry_id = q.id and q.status in ('completed', 'declined')""").executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<AgentRow> rows(jakarta.persistence.Query query) {
        List<Object[]> rows = query.unwrap(NativeQuery.class)
                .addScalar("user_id", Long.class)
                .addScalar("current_entry_id", Long.class)
                .addScalar("last_call_ended_at", Instant.class)
                .addScalar("reserved_at", Instant.class)
                .getResultList();
        return rows.stream().map(r -> new AgentRow((Long) r[0], (Long) r[1], (Instant) r[2], (Instant) r[3])).toList();
    }
}
