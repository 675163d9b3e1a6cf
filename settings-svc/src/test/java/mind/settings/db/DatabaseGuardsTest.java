package mind.settings.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import mind.common.db.AdvisoryLocks;
import mind.common.testing.MindTestResource;
import mind.settings.support.SharedPiecesProfile;

/**
 * Waits on the database are bounded: advisory locks only inside a transaction and for at most
 * mind.db.lock-timeout (300 ms here), every statement for at most mind.db.statement-timeout (7 s here).
 */
@QuarkusTest
@TestProfile(SharedPiecesProfile.class)
@WithTestResource(MindTestResource.class)
class DatabaseGuardsTest {

    @Inject
    AdvisoryLocks locks;

    @Inject
    EntityManager em;

    @Test
    void anAdvisoryLockOutsideATransactionIsRefused() {
        TransactionalException e = assertThrows(TransactionalException.class, () -> locks.lock("test", "no-transaction"));
        assertInstanceOf(TransactionRequiredException.class, e.getCause());
        assertThrows(TransactionalException.class, () -> locks.tryLock("test", "no-transaction"));
    }

    @Test
    void aLockHeldByAnotherTransactionEndsTheWaitWithALockTimeout() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = holder.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                locks.lock("test", key);
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(held.await(30, TimeUnit.SECONDS), "the first transaction holds the lock");

            long started = System.nanoTime();
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> QuarkusTransaction.requiringNew().run(() -> locks.lock("test", key)));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;

            assertEquals("55P03", sqlState(failure), "lock_timeout, not a wait until the holder ends");
            assertTrue(waitedMillis < 5000, "gave up after the lock timeout: " + waitedMillis + " ms");
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            holder.shutdown();
        }
        // free again: the holder's transaction ended
        QuarkusTransaction.requiringNew().run(() -> assertTrue(locks.tryLock("test", key)));
    }

    @Test
    void lockTimeoutIsSetForTheRestOfTheLockingTransaction() {
        String inside = QuarkusTransaction.requiringNew().call(() -> {
            locks.lock("test", UUID.randomUUID().toString());
            return (String) em.createNativeQuery("show lock_timeout").getSingleResult();
        });
        assertEquals("300ms", inside);
    }

    @Test
    void everyConnectionHasTheStatementTimeout() {
        assertEquals("7s", QuarkusTransaction.requiringNew().call(
                () -> (String) em.createNativeQuery("show statement_timeout").getSingleResult()));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        throw new AssertionError("no SQL state in " + failure, failure);
    }
}
