package mind.telephony.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.query.NativeQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.telephony.domain.QueueClaim;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;
import mind.telephony.domain.Routing;

@ApplicationScoped
public class QueueEntryRepository implements PanacheRepository<QueueEntry> {

    /** The entry of a call reported without channelId, by the ticket it got. */
    public Optional<QueueEntry> findWithoutChannelId(long ticketId) {
        return find("ticketId = ?1 and channelId is null", ticketId).firstResultOptional();
    }

    public Optional<QueueEntry> findByChannelId(String channelId) {
        return find("channelId", channelId).firstResultOptional();
    }

    /**
     * Takes over a claim that has been held longer than {@code staleAfter} (its holder most likely
     * died); empty when the claim is fresh, completed, released or already taken over by someone else.
     */
    public Optional<QueueClaim> takeOverStaleClaim(QueueClaim stale, Duration staleAfter) {
        return claimOf(getEntityManager().createNativeQuery("""
                update queue_entry set claimed_at = now(), updated_at = now()
                where id = ?1 and ticket_id is null and claimed_at = ?2
                  and claimed_at < now() - make_interval(secs => ?3)
                returning id, claimed_at""")
                .setParameter(1, stale.entryId())
                .setParameter(2, stale.claimedAt())
                .setParameter(3, staleAfter.toMillis() / 1000.0));
    }

    /** Deletes a claimed entry, unless its ticket is in or another request has taken it over. */
    public boolean deleteClaim(QueueClaim claim) {
        return getEntityManager().createNativeQuery(
                "delete from queue_entry where id = ?1 and ticket_id is null and claimed_at = ?2")
                .setParameter(1, claim.entryId())
                .setParameter(2, claim.claimedAt())
                .executeUpdate() == 1;
    }

    /** The call's entry, locked for a state change; by channelId, else the newest entry of the ticket, else by id. */
    public Optional<QueueEntry> findForUpdate(String channelId, Long ticketId, Long queueId) {
        Optional<QueueEntry> found = find(channelId, ticketId, queueId);
        found.ifPresent(e -> getEntityManager().lock(e, LockModeType.PESSIMISTIC_WRITE));
        found.ifPresent(e -> getEntityManager().refresh(e));
        return found;
    }

    public Optional<QueueEntry> find(String channelId, Long ticketId, Long queueId) {
        if (channelId != null) {
            return findByChannelId(channelId).filter(e -> e.ticketId != null || e.claimedAt == null);
        }
        if (ticketId != null) {
            return find("ticketId = ?1 order by id desc", ticketId).firstResultOptional();
        }
        return queueId == null ? Optional.empty() : find("id = ?1 and (ticketId is not null or claimedAt is null)", queueId)
                .firstResultOptional();
    }

    /**
     * A call that was never received, made for an existing ticket (an event named the ticket): status unknown,
     * routing external (the phone system routed it), inbound. Empty when its channelId was registered meanwhile.
     */
    public Optional<Long> insertForTicket(long ticketId, String channelId, String contractId, String customerId,
            Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> ids = getEntityManager().createNativeQuery("""
                insert into queue_entry (ticket_id, channel_id, status, channel, routing, direction, contract_id,
                    customer_id, created_at, updated_at)
                values (?1, cast(?2 as text), 'unknown', 'phone', 'external', 'in', cast(?3 as text), cast(?4 as text), ?5, ?5)
                on conflict (channel_id) where channel_id is not null do nothing
                returning id""")
                .setParameter(1, ticketId).setParameter(2, channelId).setParameter(3, contractId)
                .setParameter(4, customerId).setParameter(5, now)
                .getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /** Links the ticket made through the outbox to its call, once; keeps ids the call already had. */
    public void linkTicket(long entryId, mind.telephony.client.CreatedTicket ticket) {
        getEntityManager().createNativeQuery("""
                update queue_entry set ticket_id = ?2, contract_id = coalesce(contract_id, ?3),
                    customer_id = coalesce(customer_id, ?4), updated_at = now()
                where id = ?1 and ticket_id is null""")
                .setParameter(1, entryId).setParameter(2, ticket.id()).setParameter(3, ticket.contractId())
                .setParameter(4, ticket.customerId()).executeUpdate();
    }

    /** How many native calls wait ahead of this one. */
    public long waitingAhead(QueueEntry entry) {
        return count("status = ?1 and routing = ?2 and id < ?3", QueueStatus.waitingForAgent, Routing.native_, entry.id);
    }

    /** Average time agents spent on the most recent {@code sample} completed calls; empty when none reported it. */
    public Optional<Double> recentHandlingSeconds(int sample) {
        Object avg = getEntityManager().createNativeQuery("""
                select avg(h) from (select human_duration_seconds h from queue_entry
                where status = 'completed' and human_duration_seconds is not null
                order by completed_at desc limit ?1) recent""")
                .setParameter(1, sample).getSingleResult();
        return avg == null ? Optional.empty() : Optional.of(((Number) avg).doubleValue());
    }

    private static Optional<QueueClaim> claimOf(jakarta.persistence.Query query) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.unwrap(NativeQuery.class)
                .addScalar("id", Long.class)
                .addScalar("claimed_at", Instant.class)
                .getResultList();
        return rows.stream().findFirst().map(row -> new QueueClaim((Long) row[0], (Instant) row[1]));
    }
}
