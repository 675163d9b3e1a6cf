package mind.settings.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import mind.settings.domain.MailboxOAuthState;

@ApplicationScoped
public class MailboxOAuthStateRepository implements PanacheRepositoryBase<MailboxOAuthState, String> {

    /**
     * Marks the state used if it is unused and unexpired, in one statement: of two callbacks carrying the
     * same state, exactly one gets 1.
     */
    public int consume(String id, Instant now) {
        return update("usedAt = ?2 where id = ?1 and usedAt is null and expiresAt > ?2", id, now);
    }

    /** States expired before {@code before}; kept until then so that a late callback is told "expired". */
    public long deleteExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }
}
