package mind.ticket.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Finds the tickets that passed their dueBy and were not told of it yet, and tells them: one statement marks them
 * ({@code overdue_notified_due_by = due_by}) and appends their {@code dueByOverdue} event, so a ticket is told once
 * per dueBy value. Replicas scanning at once do not tell a ticket twice: a ticket another scan has locked is skipped,
 * and one it has told since this scan's snapshot is rechecked under the lock and left out.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class TicketOverdueRepository {

    /**
     * The candidates of one scan, oldest dueBy first, {@code ?1} at most, skipping those another scan holds. Its
     * predicate is character for character that of the index ticket_due_by_overdue (V12), so it reads that index.
     */
    public static final String CANDIDATES = "select id from ticket where due_by <= now() and due_by is not null "
            + "and status not in ('resolved', 'closed') and overdue_notified_due_by is distinct from due_by "
            + "order by due_by, id limit ?1 for update skip locked";

    private final EntityManager em;

    public TicketOverdueRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Tells at most {@code limit} tickets whose dueBy passed (by the database's clock) and returns their ids; the
     * events are recorded at {@code at} with data {@code {dueBy, status, agentId, priority}}, the system as actor.
     */
    @SuppressWarnings("unchecked")
    public List<Long> tellOverdue(int limit, Instant at) {
        List<?> ids = em.createNativeQuery("with due as (" + CANDIDATES + "), "
                + "told as (update ticket t set overdue_notified_due_by = t.due_by from due where t.id = due.id "
                + "returning t.id, t.due_by, t.status, t.agent_id, t.priority) "
                + "insert into ticket_event (ticket_id, type, actor_id, technical, data, created_at) "
                + "select id, 'dueByOverdue', null, false, jsonb_build_object("
                + "'dueBy', to_char(due_by at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), 'status', status, "
                + "'agentId', agent_id, 'priority', priority), ?2 from told order by due_by, id returning ticket_id")
                .setParameter(1, Math.max(limit, 1)).setParameter(2, at).getResultList();
        return ((List<Object>) ids).stream().map(id -> ((Number) id).longValue()).toList();
    }
}
