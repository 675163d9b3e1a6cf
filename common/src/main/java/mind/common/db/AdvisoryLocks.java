package mind.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transaction-scoped PostgreSQL advisory locks, for serializing work on one natural key (an
 * external ticket id, a call's channelId, an Idempotency-Key) across pods. Advisory locks are
 * database-wide, so the key space is prefixed with the service's schema and a purpose: the same
 * key in two services or two uses never collides.
 */
@ApplicationScoped
public class AdvisoryLocks {

    private final EntityManager em;
    private final String schema;

    public AdvisoryLocks(EntityManager em, @ConfigProperty(name = "mind.schema") String schema) {
        this.em = em;
        this.schema = schema;
    }

    /** Waits until the lock is free, then holds it until the current transaction ends. */
    public void lock(String purpose, String key) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, lockKey(purpose, key))
                .getSingleResult();
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
