package mind.ticket.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The AI agents detected on a ticket. There is no intent table yet: detection records an
 * {@code intentsDetected} event ({@code {"aiAgentIds":[..]}}) in the ticket's log, and the newest
 * such event is what was detected.
 */
@ApplicationScoped
public class DetectedAgentRepository {

    private final EntityManager em;

    public DetectedAgentRepository(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public List<Long> latest(long ticketId) {
        List<Object> ids = em.createNativeQuery("select cast(id.value as bigint) from ticket_event e "
                + "cross join lateral jsonb_array_elements_text(coalesce(e.data->'aiAgentIds', '[]')) id "
                + "where e.id = (select max(id) from ticket_event where ticket_id = ?1 and type = 'intentsDetected') "
                + "and jsonb_typeof(coalesce(e.data->'aiAgentIds', '[]')) = 'array'")
                .setParameter(1, ticketId)
                .getResultList();
        return ids.stream().map(v -> ((Number) v).longValue()).distinct().toList();
    }
}
