package mind.common.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * The {@code hook_outbox} table of a service's schema (each service that relays events has it, created by a migration
 * of its own with the columns below): event hook events added in the transaction of the change they tell of, leased
 * by the relay ({@code FOR UPDATE SKIP LOCKED}, so two replicas never lease the same row at once), deleted once
 * settings-svc took them.
 *
 * <pre>
 * create table hook_outbox (
 *     id              bigint generated always as identity primary key,
 *     type            text        not null,
 *     occurred_at     timestamptz not null,
 *     data            jsonb       not null,
 *     attempts        integer     not null default 0,
 *     next_attempt_at timestamptz not null default now(),
 *     leased_until    timestamptz,
 *     last_error      text,
 *     rejected_at     timestamptz
 * );
 * create index hook_outbox_due on hook_outbox (id) where rejected_at is null;
 * </pre>
 */
@ApplicationScoped
public class EventOutboxRepository {

    /** A leased row: its event, and the attempts it has had (this one included). */
    public record Leased(long id, String type, Instant occurredAt, String data, int attempts) {
    }

    private final EntityManager em;

    public EventOutboxRepository(EntityManager em) {
        this.em = em;
    }

    /** Adds an event, due now; joins the caller's transaction (the change's). */
    public void add(String type, Instant occurredAt, String dataJson) {
        em.createNativeQuery("insert into hook_outbox (type, occurred_at, data) values (?1, ?2, cast(?3 as jsonb))")
                .setParameter(1, type)
                .setParameter(2, occurredAt)
                .setParameter(3, dataJson)
                .executeUpdate();
    }

    /** Whether a row is due now (one index probe; a round with nothing to send stops here). */
    public boolean anyDue() {
        return (Boolean) em.createNativeQuery("""
                select exists (select 1 from hook_outbox where rejected_at is null and next_attempt_at <= now()
                    and (leased_until is null or leased_until < now()))""").getSingleResult();
    }

    /**
     * Leases up to {@code batch} due rows, oldest first, for {@code lease}; rows another replica leases right now are
     * skipped, and a row whose lease ran out (its replica died mid-send) is due again.
     */
    @SuppressWarnings("unchecked")
    public List<Leased> lease(int batch, Duration lease) {
        List<Object[]> rows = em.createNativeQuery("""
                update hook_outbox o set leased_until = now() + make_interval(secs => ?2), attempts = o.attempts + 1
                where o.id in (
                    select x.id from hook_outbox x
                    where x.rejected_at is null and x.next_attempt_at <= now()
                      and (x.leased_until is null or x.leased_until < now())
                    order by x.id
                    limit ?1
                    for update skip locked)
                returning o.id, o.type, o.occurred_at, cast(o.data as text) as data, o.attempts""")
                .setParameter(1, batch)
                .setParameter(2, lease.toMillis() / 1000.0)
                .unwrap(NativeQuery.class)
                .addScalar("id", Long.class)
                .addScalar("type", String.class)
                .addScalar("occurred_at", Instant.class)
                .addScalar("data", String.class)
                .addScalar("attempts", Integer.class)
                .getResultList();
        return rows.stream()
                .map(r -> new Leased((Long) r[0], (String) r[1], (Instant) r[2], (String) r[3], (Integer) r[4]))
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList();
    }

    /** Removes rows settings-svc took (or that no hook listens to). */
    public int delete(List<Long> ids) {
        return em.createNativeQuery("delete from hook_outbox where id in (?1)").setParameter(1, ids).executeUpdate();
    }

    /** Puts rows back, due again after {@code backoff}. */
    public void retryLater(List<Long> ids, Duration backoff, String error) {
        em.createNativeQuery("""
                update hook_outbox set leased_until = null, last_error = ?3,
                    next_attempt_at = now() + make_interval(secs => ?2) where id in (?1)""")
                .setParameter(1, ids).setParameter(2, backoff.toMillis() / 1000.0).setParameter(3, error).executeUpdate();
    }

    /** Keeps rows settings-svc refused for good, never to be sent again. */
    public void reject(List<Long> ids, String error) {
        em.createNativeQuery("""
                update hook_outbox set leased_until = null, last_error = ?2, rejected_at = now() where id in (?1)""")
                .setParameter(1, ids).setParameter(2, error).executeUpdate();
    }
}
