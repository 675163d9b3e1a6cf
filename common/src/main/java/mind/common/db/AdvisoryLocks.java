package mind.common.db;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transaction-scoped PostgreSQL advisory locks, for serializing work on one natural key (an
 * external ticket id, a call's channelId, an Idempotency-Key) across pods. Advisory locks are
 * database-wide, so the key space is prefixed with the service's schema and a purpose: the same
 * key in two services or two uses never collides.
 *
 * A transaction is required (the lock ends with it; without one it would end with the statement,
 * protecting nothing), and waiting is bounded by {@code mind.db.lock-timeout}: a stuck holder gives
 * the waiter a lock timeout (SQL state 55P03, answered 503 with Retry-After) instead of a request
 * that hangs and holds a connection forever.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AdvisoryLocks {

    private final EntityManager em;
    private final String schema;
    private final String lockTimeout;

    public AdvisoryLocks(EntityManager em, @ConfigProperty(name = "mind.schema") String schema,
            @ConfigProperty(name = "mind.db.lock-timeout") Duration lockTimeout) {
        this.em = em;
        this.schema = schema;
        this.lockTimeout = lockTimeout.toMillis() + "ms";
    }

    /**
     * Waits until the lock is free, at most {@code mind.db.lock-timeout}, then holds it until the
     * current transaction ends. The timeout stays set for the rest of the transaction
     * ({@code SET LOCAL lock_timeout}), so row locks taken after it are bounded the same way.
     */
    public void lock(String purpose, String key) {
        // one round trip: the subquery sets the timeout before the lock is asked for
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?2, 0)) "
                        + "from (select set_config('lock_timeout', ?1, true)) timeout")
                .setParameter(1, lockTimeout)
                .setParameter(2, lockKey(purpose, key))
                .getSingleResult();
    }

    /**
     * What {@link #lock} runs, as SQL with plain JDBC parameters and their values, for a caller that sends it
     * ahead of the statements it guards in one round trip (pgjdbc sends the statements of one string, separated
     * by semicolons, together; each takes its own snapshot, so those after the lock see everything committed
     * before it was granted). Run on the connection of the current transaction.
     */
    public JdbcLock jdbcLock(String purpose, String key) {
        return new JdbcLock(List.of(lockKey(purpose, key), lockTimeout));
    }

    /** {@link #lock}'s statement for JDBC: {@link #sql()} with {@link #params()} bound in order. */
    public record JdbcLock(List<Object> params) {
        public String sql() {
            return "select pg_advisory_xact_lock(hashtextextended(?, 0)) from (select set_config('lock_timeout', ?, true)) timeout";
        }
    }

    /** Takes the lock for the current transaction if it is free; false when another transaction holds it. */
    public boolean tryLock(String purpose, String key) {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, lockKey(purpose, key))
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    private String lockKey(String purpose, String key) {
        return schema + ':' + purpose + ':' + key;
    }
}
