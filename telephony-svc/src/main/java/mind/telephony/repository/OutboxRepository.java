package mind.telephony.repository;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

import mind.telephony.domain.OutboxKind;

/** The outbox table: rows are added in the transaction of a state change and leased for delivery. */
@ApplicationScoped
public class OutboxRepository {

    /** A leased row: what to deliver, for which call, and how many attempts it has had (this one included). */
    public record Leased(long id, long queueEntryId, OutboxKind kind, String payload, int attempts) {
    }

    private final EntityManager em;

    public OutboxRepository(EntityManager em) {
        this.em = em;
    }

    /** Adds a row, due now or not before {@code delay}; joins the caller's transaction. */
    public void add(long queueEntryId, OutboxKind kind, String payloadJson, Duration delay) {
        em.createNativeQuery("""
                insert into outbox (queue_entry_id, kind, payload, next_attempt_at)
                values (?1, ?2, cast(?3 as jsonb), now() + make_interval(secs => ?4))""")
                .setParameter(1, queueEntryId)
                .setParameter(2, kind.name())
                .setParameter(3, payloadJson)
                .setParameter(4, delay.toMillis() / 1000.0)
                .executeUpdate();
    }

    /**
     * Leases up to {@code batch} due rows for {@code lease}. Only the oldest pending row of each call is
     * due, so that a call's rows are delivered in order; rows another replica is leasing are skipped.
     * (The oldest row is found per row through the index on (queue_entry_id, id): written as NOT EXISTS, the
     * planner, expecting few pending rows, compared every pending row with every other, and a backlog of a
     * few hundred rows made each lease take a tenth of a second.)
     */
    @SuppressWarnings("unchecked")
    public List<Leased> lease(int batch, Duration lease) {
        List<Object[]> rows = em.createNativeQuery("""
                update outbox o set leased_until = now() + make_interval(secs => ?2), attempts = o.attempts + 1
                where o.id in (
                    select x.id from outbox x
                    where x.done_at is null and x.next_attempt_at <= now()
                      and (x.leased_until is null or x.leased_until < now())
                      and x.id = (select min(y.id) from outbox y where y.queue_entry_id = x.queue_entry_id and y.done_at is null)
                    order by x.id
                    limit ?1
                    for update skip locked)
                returning o.id, o.queue_entry_id, o.kind, cast(o.payload as text) as payload, o.attempts""")
                .setParameter(1, batch)
                .setParameter(2, lease.toMillis() / 1000.0)
                .unwrap(NativeQuery.class)
                .addScalar("id", Long.class)
                .addScalar("queue_entry_id", Long.class)
                .addScalar("kind", String.class)
                .addScalar("payload", String.class)
                .addScalar("attempts", Integer.class)
                .getResultList();
        return rows.stream()
                .map(r -> new Leased((Long) r[0], (Long) r[1], OutboxKind.valueOf((String) r[2]), (String) r[3], (Integer) r[4]))
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList();
    }

    /** Marks a row done: {@code outcome} delivered, or rejected with the reason. */
    public void finish(long id, String outcome, String error) {
        em.createNativeQuery("update outbox set done_at = now(), outcome = ?2, last_error = ?3, leased_until = null where id = ?1")
                .setParameter(1, id).setParameter(2, outcome).setParameter(3, error).executeUpdate();
    }

    /** Puts a row back for a later attempt. */
    public void retryLater(long id, Duration backoff, String error) {
        em.createNativeQuery("""
                update outbox set leased_until = null, last_error = ?3,
                    next_attempt_at = now() + make_interval(secs => ?2) where id = ?1""")
                .setParameter(1, id).setParameter(2, backoff.toMillis() / 1000.0).setParameter(3, error).executeUpdate();
    }

    /** Rows not yet done (all calls). */
    public long pending() {
        return ((Number) em.createNativeQuery("select count(*) from outbox where done_at is null").getSingleResult()).longValue();
    }
}
