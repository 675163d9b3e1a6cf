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

    /**
     * Ids of native calls to route, oldest first: waiting ones, and those routed to an agent before
     * {@code unansweredSince} who has not answered.
     */
    @SuppressWarnings("unchecked")
    public List<Long> oldestFirst(Instant unansweredSince, int limit) {
        return ((List<Number>) em.createNativeQuery("""
                select id from queue_entry where routing = 'native' and (status = 'waitingForAgent'
                    or (status = 'assigned' and connected_at is null and routed_at <= ?1))
                order by id limit ?2""").setParameter(1, unansweredSince).setParameter(2, limit).getResultList())
                .stream().map(Number::longValue).toList();
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
