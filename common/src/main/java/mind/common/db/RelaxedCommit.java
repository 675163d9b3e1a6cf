package mind.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Lets the current transaction commit without waiting for its WAL to reach the disk
 * ({@code SET LOCAL synchronous_commit = off}). Only for writes whose loss in a database crash is
 * harmless because a retry redoes them: a claim that a resend claims again, an outbox row's lease
 * or delivery mark whose redelivery the receiver deduplicates. The commit is visible to other
 * sessions at once, and a later synchronous commit flushes it too (the WAL is written in order), so
 * a durable answer built on top of such a write never outlives it. On these machines a flush costs
 * about 3 ms, which is most of a short transaction's time.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RelaxedCommit {

    private final EntityManager em;

    public RelaxedCommit(EntityManager em) {
        this.em = em;
    }

    /** For the rest of the current transaction only. */
    public void forThisTransaction() {
        em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
    }
}
