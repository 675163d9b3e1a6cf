package mind.ticket.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The hook relay's cursor ({@code hook_relay}) and its reads of the ticket event log by transaction
 * ({@code ticket_event.tx}). Transaction ids (xid8) travel as numbers: they fit a long for as long as PostgreSQL
 * counts (the epoch would have to pass 2^31).
 *
 * <p>Why by transaction: every transaction with an id below {@code pg_snapshot_xmin(pg_current_snapshot())} has
 * ended, so the rows with {@code horizon <= tx < xmin} are all there and visible, and none will come later; the
 * next round starts at that xmin. A cursor on the row id would pass over a row whose transaction drew its id
 * first and committed last.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class HookRelayRepository {

    /** The name of the one cursor row. */
    public static final String CURSOR = "ticket-events";

    /** One event of the log as the relay reads it; {@code data} is its JSON text. */
    public record Event(long id, long tx, long ticketId, String type, String actorId, Instant createdAt, String data) {
    }

    /** The events of one round and where the next round starts. */
    public record Batch(List<Event> events, long nextHorizon, boolean cut) {
    }

    private final EntityManager em;

    public HookRelayRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Whether events were written since the horizon by transactions that have all ended: one read, no lock, so a
     * round with nothing new costs no write (and no call of settings-svc).
     */
    public boolean anyNew() {
        return !em.createNativeQuery("select 1 from hook_relay r where r.name = ?1 and exists (select 1 from ticket_event e "
                + "where e.tx >= r.horizon and e.tx < pg_snapshot_xmin(pg_current_snapshot()))")
                .setParameter(1, CURSOR).getResultList().isEmpty();
    }

    /**
     * Takes the cursor for {@code lease} when nobody holds it (or the holder's lease ran out) and returns its
     * horizon; empty when another replica holds it.
     */
    public Optional<Long> lease(UUID holder, Duration lease) {
        List<?> rows = em.createNativeQuery("update hook_relay set leased_by = ?2, "
                + "leased_until = now() + make_interval(secs => ?3) "
                + "where name = ?1 and (leased_until is null or leased_until < now()) returning cast(horizon as text)")
                .setParameter(1, CURSOR).setParameter(2, holder).setParameter(3, lease.toMillis() / 1000.0)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong((String) rows.get(0)));
    }

    /**
     * The events of the transactions from {@code horizon} that have ended, in transaction then id order, at most
     * {@code limit} of them, except that the rows of the last transaction read are always all taken: the next
     * horizon is just past it, and one transaction larger than {@code limit} goes in one round rather than never.
     */
    @SuppressWarnings("unchecked")
    public Batch read(long horizon, int limit) {
        // one statement, one snapshot: xmin and the rows below it agree
        Object[] ends = (Object[]) em.createNativeQuery("select cast(x.xmin as text), "
                + "(select cast(e.tx as text) from ticket_event e where e.tx >= cast(?1 as xid8) and e.tx < x.xmin "
                + "order by e.tx, e.id offset ?2 limit 1) "
                + "from (select pg_snapshot_xmin(pg_current_snapshot()) as xmin) x")
                .setParameter(1, Long.toString(horizon)).setParameter(2, Math.max(limit, 1) - 1).getSingleResult();
        long xmin = Long.parseLong((String) ends[0]);
        boolean cut = ends[1] != null;
        // the last transaction taken, whole: below xmin its rows are all there and cannot change
        long end = cut ? Long.parseLong((String) ends[1]) + 1 : xmin;
        // a deletion's row has no ticket_id (it outlives its ticket) and names the ticket in its data
        List<Object[]> rows = em.createNativeQuery("select id, cast(tx as text), "
                + "coalesce(ticket_id, cast(data ->> 'ticketId' as bigint)), type, actor_id, created_at, "
                + "cast(data as text) from ticket_event where tx >= cast(?1 as xid8) and tx < cast(?2 as xid8) "
                + "order by tx, id")
                .setParameter(1, Long.toString(horizon)).setParameter(2, Long.toString(end)).getResultList();
        List<Event> events = rows.stream().map(r -> new Event(((Number) r[0]).longValue(), Long.parseLong((String) r[1]),
                ((Number) r[2]).longValue(), (String) r[3], (String) r[4], TicketEventRepository.instant(r[5]),
                (String) r[6])).toList();
        return new Batch(events, end, cut);
    }

    /** The horizon from which no event is to be read: at the oldest transaction still running. */
    public long oldestRunning() {
        return Long.parseLong((String) em.createNativeQuery("select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)")
                .getSingleResult());
    }

    /**
     * Moves the horizon to {@code horizon} (never back) and gives up the lease; false when {@code holder} no longer
     * holds it (its lease ran out and another replica took the cursor, which then moves it).
     */
    public boolean moveAndRelease(UUID holder, long horizon) {
        return em.createNativeQuery("update hook_relay set horizon = greatest(horizon, cast(?3 as xid8)), leased_by = null, "
                + "leased_until = null, moved_at = now() where name = ?1 and leased_by = ?2")
                .setParameter(1, CURSOR).setParameter(2, holder).setParameter(3, Long.toString(horizon))
                .executeUpdate() == 1;
    }

    /** Gives up the lease and leaves the horizon: the next round reads the same events again. */
    public void release(UUID holder) {
        em.createNativeQuery("update hook_relay set leased_by = null, leased_until = null where name = ?1 and leased_by = ?2")
                .setParameter(1, CURSOR).setParameter(2, holder).executeUpdate();
    }
}
