package mind.telephony.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import mind.telephony.domain.QueueEntry;

/** The native calls waiting for an agent, as native routing reads them (index queue_entry_waiting_native). */
@ApplicationScoped
public class WaitingCallRepository {

    private final EntityManager em;

    public WaitingCallRepository(EntityManager em) {
        this.em = em;
    }

    /** A native call a routing pass looks at: waiting for an agent, or rung unanswered too long (not waiting). */
    public record DueCall(long id, boolean waiting) {
    }

    /**
     * Native calls to route, oldest first: waiting ones, and those routed to an agent before
     * {@code unansweredSince} who has not answered.
     */
    @SuppressWarnings("unchecked")
    public List<DueCall> oldestFirst(Instant unansweredSince, int limit) {
        return ((List<Object[]>) em.createNativeQuery("""
                select id, status = 'waitingForAgent' from queue_entry where routing = 'native' and (status = 'waitingForAgent'
                    or (status = 'assigned' and connected_at is null and routed_at <= ?1))
                order by id limit ?2""").setParameter(1, unansweredSince).setParameter(2, limit).getResultList())
                .stream().map(r -> new DueCall(((Number) r[0]).longValue(), (Boolean) r[1])).toList();
    }

    /**
     * Whether any of these agents may take a waiting call: one holding no call, or one held for a call still
     * waiting (a reservation under way, or left behind by a replica that died: routing that call releases it).
     */
    public boolean anyMayTakeACall(List<Long> userIds) {
        if (userIds.isEmpty()) {
            return false;
        }
        return (Boolean) em.createNativeQuery("""
                select exists (select 1 from unnest(?1) u(id)
                    left join agent_state a on a.user_id = u.id
                    left join queue_entry q on q.id = a.current_entry_id
                    where a.current_entry_id is null or q.status = 'waitingForAgent')""")
                .setParameter(1, userIds.toArray(Long[]::new)).getSingleResult();
    }

    /**
     * How many native calls for the same primary tag have waited longer than this one and hold no agent
     * yet: they are served first.
     */
    public long olderWaitingWithoutAgent(long entryId, Long primaryTagId) {
        return ((Number) em.createNativeQuery("""
                select count(*) from queue_entry q
                where q.status = 'waitingForAgent' and q.routing = 'native' and q.id < ?1
                  and q.primary_tag_id is not distinct from ?2
                  and not exists (select 1 from agent_state a where a.current_entry_id = q.id)""")
                .setParameter(1, entryId).setParameter(2, primaryTagId).getSingleResult()).longValue();
    }

    /**
     * Waiting native calls registered before {@code cutoff}, locked; rows another replica holds are
     * skipped, so every replica can run the pass and each call is declined once.
     */
    @SuppressWarnings("unchecked")
    public List<QueueEntry> expiredForUpdate(Instant cutoff, int limit) {
        return em.createNativeQuery("""
                select * from queue_entry where status = 'waitingForAgent' and routing = 'native' and created_at <= ?1
                order by id limit ?2 for update skip locked""", QueueEntry.class)
                .setParameter(1, cutoff).setParameter(2, limit).getResultList();
    }
}
