package mind.settings.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/** The table of hook runs ({@code event_hook_run}): added with the event, leased to run, finished. */
@ApplicationScoped
public class HookRunRepository {

    /** A leased run: what to run, with the attempt it is on (this one included). */
    public record Leased(long id, long hookId, String event, String key, Instant occurredAt, String dataJson, int attempts) {
    }

    /** A run as its hook's list shows it. */
    public record Row(long id, String event, String key, String dataJson, String status, int attempts, Instant occurredAt,
            Instant createdAt, Instant dueAt, Instant finishedAt, String error) {
    }

    /** What a hook's run needs of its function. */
    public record Function(String name, String language, String code, String packages) {
    }

    private final EntityManager em;

    public HookRunRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Adds one pending run per hook of the event's type, in the caller's transaction; a hook that already has a run
     * for this key gets none. Returns how many were added.
     */
    public int add(HookEvent event) {
        return em.createNativeQuery("""
                insert into event_hook_run (hook_id, event, event_key, data, occurred_at)
                select h.id, h.event, ?2, cast(?3 as jsonb), ?4 from event_hook h where h.event = ?1
                on conflict (hook_id, event_key) do nothing""")
                .setParameter(1, event.type().name())
                .setParameter(2, event.key())
                .setParameter(3, event.dataJson())
                .setParameter(4, event.occurredAt())
                .executeUpdate();
    }

    /** Leases up to {@code batch} due runs, oldest due first; runs another replica holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<Leased> lease(int batch, Duration lease) {
        List<Object[]> rows = em.createNativeQuery("""
                update event_hook_run r set leased_until = now() + make_interval(secs => ?2), attempts = r.attempts + 1
                where r.id in (
                    select x.id from event_hook_run x
                    where x.status = 'pending' and x.due_at <= now() and (x.leased_until is null or x.leased_until < now())
                    order by x.due_at, x.id
                    limit ?1
                    for update skip locked)
                returning r.id, r.hook_id, r.event, r.event_key, r.occurred_at, cast(r.data as text) as data, r.attempts""")
                .setParameter(1, batch)
                .setParameter(2, lease.toMillis() / 1000.0)
                .unwrap(NativeQuery.class)
                .addScalar("id", Long.class)
                .addScalar("hook_id", Long.class)
                .addScalar("event", String.class)
                .addScalar("event_key", String.class)
                .addScalar("occurred_at", Instant.class)
                .addScalar("data", String.class)
                .addScalar("attempts", Integer.class)
                .getResultList();
        return rows.stream()
                .map(r -> new Leased((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], (Instant) r[4], (String) r[5], (Integer) r[6]))
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList();
    }

    /** The function a hook runs; null when the hook is gone. */
    @SuppressWarnings("unchecked")
    public Function function(long hookId) {
        List<Object[]> rows = em.createNativeQuery("""
                select u.name, u.language, u.code, u.packages
                from event_hook h join user_defined_function u on u.id = h.udf_id where h.id = ?1""")
                .setParameter(1, hookId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Function((String) r[0], (String) r[1], (String) r[2], (String) r[3]);
    }

    /** Marks a run done or failed for good. */
    public void finish(long id, String status, String error) {
        em.createNativeQuery("""
                update event_hook_run set status = ?2, error = ?3, leased_until = null, finished_at = now()
                where id = ?1""")
                .setParameter(1, id).setParameter(2, status).setParameter(3, error).executeUpdate();
    }

    /** Puts a run back, due again after {@code backoff}. */
    public void retryLater(long id, Duration backoff, String error) {
        em.createNativeQuery("""
                update event_hook_run set leased_until = null, error = ?3, due_at = now() + make_interval(secs => ?2)
                where id = ?1""")
                .setParameter(1, id).setParameter(2, backoff.toMillis() / 1000.0).setParameter(3, error).executeUpdate();
    }

    /** A hook's runs, newest first; {@code status} null means every status. */
    @SuppressWarnings("unchecked")
    public List<Row> page(long hookId, String status, int limit, int offset) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, event, event_key, cast(data as text) as data, status, attempts, occurred_at, created_at, due_at,
                    finished_at, error
                from event_hook_run where hook_id = ?1 and (cast(?2 as text) is null or status = ?2)
                order by id desc limit ?3 offset ?4""")
                .setParameter(1, hookId).setParameter(2, status).setParameter(3, limit).setParameter(4, offset)
                .unwrap(NativeQuery.class)
                .addScalar("id", Long.class)
                .addScalar("event", String.class)
                .addScalar("event_key", String.class)
                .addScalar("data", String.class)
                .addScalar("status", String.class)
                .addScalar("attempts", Integer.class)
                .addScalar("occurred_at", Instant.class)
                .addScalar("created_at", Instant.class)
                .addScalar("due_at", Instant.class)
                .addScalar("finished_at", Instant.class)
                .addScalar("error", String.class)
                .getResultList();
        return rows.stream().map(r -> new Row((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (Integer) r[5], (Instant) r[6], (Instant) r[7], (Instant) r[8], (Instant) r[9], (String) r[10])).toList();
    }

    public long count(long hookId, String status) {
        return ((Number) em.createNativeQuery("""
                select count(*) from event_hook_run where hook_id = ?1 and (cast(?2 as text) is null or status = ?2)""")
                .setParameter(1, hookId).setParameter(2, status).getSingleResult()).longValue();
    }
}
