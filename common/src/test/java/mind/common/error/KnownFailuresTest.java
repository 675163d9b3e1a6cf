package mind.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import javax.transaction.xa.XAException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import jakarta.transaction.RollbackException;

/** Known failures are recognised where they hide: here, a commit that failed because PostgreSQL shut down. */
class KnownFailuresTest {

    @Test
    void aCommitRefusedBecauseTheDatabaseShutDownIsAnUnavailableDatabase() {
        // what Narayana throws when the connection dies at commit (the SQL state only in a suppressed exception)
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new PSQLException("FATAL: terminating connection due to administrator command", PSQLState.UNKNOWN_STATE) {
            @Override
            public String getSQLState() {
                return "57P01";
            }
        });
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        RuntimeException wrapped = new RuntimeException("Error invoking subclass method", rollback);

        Optional<ApiException> known = KnownFailures.classify(wrapped, false);
        assertTrue(known.isPresent(), "a bug (500) instead of 503");
        assertEquals(503, known.get().status());
        assertEquals(KnownFailures.DATABASE_UNAVAILABLE, known.get().code());
    }

    @Test
    void aRollbackWithoutAKnownCauseStaysABug() {
        assertTrue(KnownFailures.classify(new RuntimeException(new RollbackException("marked rollback only")), false).isEmpty());
    }
}
