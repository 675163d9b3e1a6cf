package mind.telephony.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.telephony.domain.QueueEntry;

@ApplicationScoped
public class QueueEntryRepository implements PanacheRepository<QueueEntry> {

    public Optional<QueueEntry> findByChannelId(String channelId) {
        return find("channelId", channelId).firstResultOptional();
    }

    /**
     * Serializes the events of one call until the transaction ends: a phone system that sends the
     * same event twice at once must not create two tickets. Held across pods, since all share the
     * database.
     */
    public void lockChannelId(String channelId) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "telephony.call:" + channelId)
                .getSingleResult();
    }
}
