package mind.common.idempotency;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.db.AdvisoryLocks;

/**
 * The {@code idempotency_key} table of the calling service's schema. All methods run inside the
 * interceptor's transaction.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** Status of a row whose request is still running (its response is not stored yet). */
    static final int IN_FLIGHT = 0;

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    /** A finished request's answer: status, body as JSON (or the raw text of a String entity) and the headers kept. */
    record Answer(int status, String body, Map<String, String> headers) {
    }

    record StoredResponse(String fingerprint, Answer answer, boolean stale) {
        boolean inFlight() {
            return answer.status() == IN_FLIGHT;
        }
    }

    /** Every how many saves expired rows are deleted, and at most how many at once. */
    public static final int PURGE_EVERY = 16;
    public static final int PURGE_BATCH = 320;

    private final AtomicLong saves = new AtomicLong();
    private final EntityManager em;
    private final AdvisoryLocks locks;
    private final IdempotencyConfig config;
    // a plain mapper: the headers column is a flat map of strings, no REST conventions apply
    private final ObjectMapper json = new ObjectMapper();

    public IdempotencyStore(EntityManager em, AdvisoryLocks locks, IdempotencyConfig config) {
        this.em = em;
        this.locks = locks;
        this.config = config;
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
        List<Object[]> rows = em.createNativeQuery("select fingerprint, status, body, cast(headers as text), "
                + "created_at < now() - make_interval(secs => ?4) from idempotency_key "
                + "where scope = ?1 and idem_key = ?2 and created_at > now() - make_interval(secs => ?3)")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, config.retention().toSeconds())
                .setParameter(4, config.claimStale().toSeconds())
                .getResultList();
        return rows.stream().findFirst().map(r -> new StoredResponse((String) r[0],
                new Answer(((Number) r[1]).intValue(), (String) r[2], headers((String) r[3])), (Boolean) r[4]));
    }

    /**
     * Marks the key as taken by a request that is still running (replacing an abandoned claim).
     * Returns the claim's time, which tells this claim from a later one that took it over.
     */
    Object claim(String scope, String key, String fingerprint) {
        return em.createNativeQuery("insert into idempotency_key (scope, idem_key, fingerprint, status, body, headers) "
                + "values (?1, ?2, ?3, ?4, null, null) on conflict (scope, idem_key) do update set "
                + "fingerprint = excluded.fingerprint, status = excluded.status, body = null, headers = null, "
                + "created_at = clock_timestamp() returning created_at")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, fingerprint)
                .setParameter(4, IN_FLIGHT)
                .getSingleResult();
    }

    /** Stores the answer of a claimed request, unless its claim was taken over meanwhile. */
    void complete(String scope, String key, Object claimedAt, Answer answer) {
        em.createNativeQuery("update idempotency_key set status = ?3, body = ?4, headers = cast(?5 as jsonb) "
                + "where scope = ?1 and idem_key = ?2 and status = ?6 and created_at = ?7")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, answer.status())
                .setParameter(4, answer.body())
                .setParameter(5, json(answer.headers()))
                .setParameter(6, IN_FLIGHT)
                .setParameter(7, claimedAt)
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

    void save(String scope, String key, String fingerprint, Answer answer) {
        em.createNativeQuery("insert into idempotency_key (scope, idem_key, fingerprint, status, body, headers) "
                + "values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb)) on conflict (scope, idem_key) do update set "
                + "fingerprint = excluded.fingerprint, status = excluded.status, body = excluded.body, "
                + "headers = excluded.headers, created_at = now()")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, fingerprint)
                .setParameter(4, answer.status())
                .setParameter(5, answer.body())
                .setParameter(6, json(answer.headers()))
                .executeUpdate();
        // Expired rows go with every PURGE_EVERY-th new one, up to PURGE_BATCH of them (more than come in
        // meanwhile), so the table stays bounded without a scheduler, and the other saves spare the round trip.
        if (saves.getAndIncrement() % PURGE_EVERY == 0) {
            em.createNativeQuery("delete from idempotency_key where ctid in (select ctid from idempotency_key "
                    + "where created_at < now() - make_interval(secs => ?1) order by created_at limit ?2)")
                    .setParameter(1, config.retention().toSeconds())
                    .setParameter(2, PURGE_BATCH)
                    .executeUpdate();
        }
    }

    private String json(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always writable", e);
        }
    }

    private Map<String, String> headers(String column) {
        if (column == null) {
            // rows stored before the headers column existed, and claims
            return Map.of();
        }
        try {
            return json.readValue(column, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("idempotency_key.headers holds no JSON object of strings", e);
        }
    }
}
