package mind.qualitycheck.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The job table: one row per test ticket still to be tested. Plain SQL, because taking jobs needs
 * {@code FOR UPDATE SKIP LOCKED}: concurrent takers (threads or replicas) each get other rows and never
 * wait for one another.
 */
@ApplicationScoped
public class TestJobRepository {

    /** A taken job: the test ticket, its run, the lease that proves it is still ours, and which try this is. */
    public record Lease(long testTicketId, long testRunId, UUID token, int attempt) {
    }

    private final EntityManager em;

    public TestJobRepository(EntityManager em) {
        this.em = em;
    }

    /** One job per test ticket of the run, due at once. */
    public int enqueueRun(long testRunId, Instant now) {
        return em.createNativeQuery("insert into test_job (test_ticket_id, test_run_id, not_before) "
                + "select id, test_run_id, :now from test_ticket where test_run_id = :run")
                .setParameter("now", at(now)).setParameter("run", testRunId).executeUpdate();
    }

    /**
     * Takes up to {@code max} due jobs (never leased, or whose lease ran out) and leases them until
     * {@code leasedUntil}, each with a new token. Oldest first.
     */
    @SuppressWarnings("unchecked")
    public List<Lease> take(int max, Instant now, Instant leasedUntil) {
        List<Object[]> rows = em.createNativeQuery("""
                with due as (
                    select test_ticket_id from test_job
                    where not_before <= :now and (leased_until is null or leased_until <= :now)
                    order by not_before, test_ticket_id
                    limit :max
                    for update skip locked)
                update test_job j
                set leased_until = :until, lease_token = gen_random_uuid(), attempts = j.attempts + 1
                from due where j.test_ticket_id = due.test_ticket_id
                returning j.test_ticket_id, j.test_run_id, cast(j.lease_token as text), j.attempts
                """)
                .setParameter("now", at(now)).setParameter("until", at(leasedUntil)).setParameter("max", max)
                .getResultList();
        return rows.stream().map(r -> new Lease(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                UUID.fromString((String) r[2]), ((Number) r[3]).intValue())).toList();
    }

    /** Removes the job if the lease is still ours; false when it was lost (run stopped or deleted, lease ran out and retaken). */
    public boolean finish(Lease lease) {
        return em.createNativeQuery("delete from test_job where test_ticket_id = :id and lease_token = cast(:token as uuid)")
                .setParameter("id", lease.testTicketId()).setParameter("token", lease.token().toString())
                .executeUpdate() == 1;
    }

    /** Gives the job back, due again at {@code notBefore}; false when the lease was lost. */
    public boolean release(Lease lease, Instant notBefore) {
        return em.createNativeQuery("update test_job set leased_until = null, lease_token = null, not_before = :nb "
                + "where test_ticket_id = :id and lease_token = cast(:token as uuid)")
                .setParameter("nb", at(notBefore)).setParameter("id", lease.testTicketId())
                .setParameter("token", lease.token().toString()).executeUpdate() == 1;
    }

    public int deleteOfRun(long testRunId) {
        return em.createNativeQuery("delete from test_job where test_run_id = :run").setParameter("run", testRunId)
                .executeUpdate();
    }

    public long countOfRun(long testRunId) {
        return ((Number) em.createNativeQuery("select count(*) from test_job where test_run_id = :run")
                .setParameter("run", testRunId).getSingleResult()).longValue();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
