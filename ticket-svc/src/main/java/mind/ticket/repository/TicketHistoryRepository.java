package mind.ticket.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The tickets of one customer or contract (a ticket's history), read as the few columns a history
 * item shows, never as whole tickets.
 */
@ApplicationScoped
public class TicketHistoryRepository {

    public record HistoryRow(long id, String channel, Long subchannelId, String status, String subject, Instant createdAt) {
    }

    /** Counts over the whole history: all tickets, and those still open (neither resolved nor closed). */
    public record HistoryCounts(long total, long open) {
    }

    private final EntityManager em;

    public TicketHistoryRepository(EntityManager em) {
        this.em = em;
    }

    /** The other tickets with this customer id or contract id (either may be null), newest first. */
    @SuppressWarnings("unchecked")
    public List<HistoryRow> others(long ticketId, String customerId, String contractId, int limit, int offset) {
        List<Object[]> rows = bind(em.createNativeQuery("select id, channel, subchannel_id, status, subject, created_at "
                + "from ticket where id <> ?1 and " + SAME_PARTY + " order by created_at desc, id desc limit ?4 offset ?5"),
                ticketId, customerId, contractId).setParameter(4, limit).setParameter(5, offset).getResultList();
        return rows.stream().map(r -> new HistoryRow(((Number) r[0]).longValue(), (String) r[1],
                r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3], (String) r[4],
                TicketEventRepository.instant(r[5]))).toList();
    }

    public HistoryCounts counts(long ticketId, String customerId, String contractId) {
        Object[] row = (Object[]) bind(em.createNativeQuery("select count(*), count(*) filter (where status not in "
                + "('resolved', 'closed')) from ticket where id <> ?1 and " + SAME_PARTY), ticketId, customerId, contractId)
                .getSingleResult();
        return new HistoryCounts(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /** Fixed text; the ids are bound (a null id matches nothing). */
    private static final String SAME_PARTY = "(customer_id = cast(?2 as text) or contract_id = cast(?3 as text))";

    private static Query bind(Query query, long ticketId, String customerId, String contractId) {
        return query.setParameter(1, ticketId).setParameter(2, customerId).setParameter(3, contractId);
    }
}
