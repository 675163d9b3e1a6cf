package mind.telephony.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.db.RelaxedCommit;
import mind.common.testing.MindTestResource;
import mind.telephony.domain.CallDirection;
import mind.telephony.domain.Routing;

/**
 * {@link RelaxedCommit} (a call's claim commits without waiting for the disk; a resend redoes a lost one) holds
 * for its own transaction only: the next transaction on a pooled connection is back to the server's level.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class RelaxedClaimCommitTest {

    @Inject
    CallClaims claims;

    @Inject
    RelaxedCommit relaxed;

    @Inject
    EntityManager em;

    private String synchronousCommit() {
        return (String) em.createNativeQuery("show synchronous_commit").getSingleResult();
    }

    @Test
    void theSettingHoldsForItsTransactionOnly() {
        // the embedded test database runs with synchronous_commit off for speed; a durable level marks the transaction
        String serverDefault = (String) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select reset_val from pg_settings where name = 'synchronous_commit'").getSingleResult());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("set local synchronous_commit = remote_apply").executeUpdate();
            assertEquals("remote_apply", synchronousCommit());
            relaxed.forThisTransaction();
            assertEquals("off", synchronousCommit());
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("set local synchronous_commit = remote_apply").executeUpdate());
        for (int i = 0; i < 5; i++) {
            assertEquals(serverDefault, QuarkusTransaction.requiringNew().call(this::synchronousCommit),
                    "SET LOCAL ends with its transaction, on every pooled connection");
        }
    }

    @Test
    void aClaimStillClaims() {
        String channelId = "relaxed_" + UUID.randomUUID();
        assertInstanceOf(ClaimResult.Claimed.class, claims.claim(channelId, Routing.native_, CallDirection.in, Duration.ofSeconds(30)));
        // committed (visible to a new transaction) although not waited for
        assertEquals(1L, ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from queue_entry where channel_id = ?1").setParameter(1, channelId).getSingleResult())).longValue());
        assertInstanceOf(ClaimResult.Pending.class, claims.claim(channelId, Routing.native_, CallDirection.in, Duration.ofSeconds(30)),
                "a second claim of the same call waits for the first");
    }

    @Test
    void outsideATransactionItIsRefused() {
        assertThrows(TransactionalException.class, relaxed::forThisTransaction);
    }
}
