package mind.ticket.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Reads of the ticket event log ({@code ticket_event}); rows are written by {@code TicketEvents}. */
@ApplicationScoped
public class TicketEventRepository {

    /** One event as stored; {@code data} is its JSON text. */
    public record EventRow(long id, String type, String actorId, boolean technical, Instant createdAt, String data) {
    }

    /** Fixed text: the changes people made that count in the worklog (includeInWorklog unless the PATCH said false). */
    private static final String WORKLOG = "type in ('fieldChanged', 'tagsChanged') "
            + "and coalesce(data ->> 'includeInWorklog', 'true') = 'true'";

    private final EntityManager em;

    public TicketEventRepository(EntityManager em) {
        this.em = em;
    }

    public boolean ticketExists(long ticketId) {
        return !em.createNativeQuery("select 1 from ticket where id = ?1").setParameter(1, ticketId)
                .getResultList().isEmpty();
    }

    /** Takes a share lock on the ticket's row, so that it cannot be deleted before the transaction ends. */
    public boolean lockTicketAgainstDelete(long ticketId) {
        return !em.createNativeQuery("select 1 from ticket where id = ?1 for share").setParameter(1, ticketId)
                .getResultList().isEmpty();
    }

    /** Oldest first; technical events only when asked for. */
    public List<EventRow> activity(long ticketId, boolean technical, int limit, int offset) {
        return rows(em.createNativeQuery("select id, type, actor_id, technical, created_at, cast(data as text) "
                + "from ticket_event where ticket_id = ?1 and (?2 or not technical) order by id limit ?3 offset ?4")
                .setParameter(1, ticketId).setParameter(2, technical).setParameter(3, limit).setParameter(4, offset)
                .getResultList());
    }

    public long countActivity(long ticketId, boolean technical) {
        return ((Number) em.createNativeQuery("select count(*) from ticket_event where ticket_id = ?1 and (?2 or not technical)")
                .setParameter(1, ticketId).setParameter(2, technical).getSingleResult()).longValue();
    }

    /** Changes recorded with includeInWorklog (true unless the PATCH said false), oldest first. */
    public List<EventRow> worklog(long ticketId, int limit, int offset) {
        return rows(em.createNativeQuery("select id, type, actor_id, technical, created_at, cast(data as text) "
                + "from ticket_event where ticket_id = ?1 and " + WORKLOG + " order by id limit ?2 offset ?3")
                .setParameter(1, ticketId).setParameter(2, limit).setParameter(3, offset).getResultList());
    }

    public long countWorklog(long ticketId) {
        return ((Number) em.createNativeQuery("select count(*) from ticket_event where ticket_id = ?1 and " + WORKLOG)
                .setParameter(1, ticketId).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<EventRow> rows(List<?> result) {
        return ((List<Object[]>) result).stream().map(r -> new EventRow(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], (Boolean) r[3], instant(r[4]), (String) r[5])).toList();
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + (value == null ? null : value.getClass()));
    }
}
