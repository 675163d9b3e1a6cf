package mind.common.idempotency;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import mind.common.db.AdvisoryLocks;

/**
 * The {@code idempotency_key} table of the calling service's schema. All methods run inside the
 * interceptor's transaction.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** How long a response is kept for replay. */
    static final String RETENTION = "24 hours";

    /** Age after which an unfinished claim ({@link Idempotent#atomic()} false) is taken to be abandoned. */
    static final int CLAIM_STALE_SECONDS = 120;
    /** Status of a row whose request is still running (its response is not stored yet). */
    static final int IN_FLIGHT = 0;

    record StoredResponse(String fingerprint, int status, String body, boolean stale) {
        boolean inFlight() {
            return status == IN_FLIGHT;
        }
    }

    private final EntityManager em;
    private final AdvisoryLocks locks;

    public IdempotencyStore(EntityManager em, AdvisoryLocks locks) {
        this.em = em;
        this.locks = locks;
    }

    /**
     * Takes a transaction-scoped advisory lock on the key; false when another transaction holds it,
     * i.e. a request with the same key is in flight.
     */
    boolean tryLock(String scope, String key) {
        // the scope's length keeps "a:b"+"c" apart from "a"+"b:c"
        return locks.tryLock("idempotency", scope.length() + ":" + scope + ":" + key);
    }

    Optional<StoredResponse> find(String scope, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, status, body, "
                + "created_at < now() - make_interval(secs => ?4) from idempotency_key "
                + "where scope = ?1 and idem_key = ?2 and created_at > now() - cast(?3 as interval)")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, RETENTION)
                .setParameter(4, CLAIM_STALE_SECONDS)
                .getResultList();
        return rows.stream().findFirst()
                .map(r -> new StoredResponse((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (Boolean) r[3]));
    }

    /**
     * Marks the key as taken by a request that is still running (replacing an abandoned claim).
     * Returns the claim's time, which tells this claim from a later one that took it over.
     */
    Object claim(String scope, String key, String fingerprint) {
        return em.createNativeQuery("insert into idempotency_key (scope, idem_key, fingerprint, status, body) "
                + "values (?1, ?2, ?3, ?4, null) on conflict (scope, idem_key) do update set "
                + "fingerprint = excluded.fingerprint, status = excluded.status, body = null, created_at = clock_timestamp() "
                + "returning created_at")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, fingerprint)
                .setParameter(4, IN_FLIGHT)
                .getSingleResult();
    }

    /** Stores the answer of a claimed request, unless its claim was taken over meanwhile. */
    void complete(String scope, String key, Object claimedAt, int status, String body) {
        em.createNativeQuery("update idempotency_key set status = ?3, body = ?4 "
                + "where scope = ?1 and idem_key = ?2 and status = ?5 and created_at = ?6")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, status)
                .setParameter(4, body)
                .setParameter(5, IN_FLIGHT)
                .setParameter(6, claimedAt)
                .executeUpdate();
    }

    /** Gives a claim up after its request failed, so that the key may be used again; another's claim stays. */
    void release(String scope, String key, Object claimedAt) {
        em.createNativeQuery("delete from idempotency_key where scope = ?1 and idem_key = ?2 and status = ?3 and created_at = ?4")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, IN_FLIGHT)
                .setParameter(4, claimedAt)
                .executeUpdate();
    }

    void save(String scope, String key, String fingerprint, int status, String body) {
        em.createNativeQuery("insert into idempotency_key (scope, idem_key, fingerprint, status, body) "
                + "values (?1, ?2, ?3, ?4, ?5) on conflict (scope, idem_key) do update set "
                + "fingerprint = excluded.fingerprint, status = excluded.status, body = excluded.body, created_at = now()")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, fingerprint)
                .setParameter(4, status)
                .setParameter(5, body)
                .executeUpdate();
        // Expired rows go a few at a time with each new one, so the table stays bounded without a scheduler.
        em.createNativeQuery("delete from idempotency_key where ctid in (select ctid from idempotency_key "
                + "where created_at < now() - cast(?1 as interval) limit 20)")
                .setParameter(1, RETENTION)
                .executeUpdate();
    }
}
