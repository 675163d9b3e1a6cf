package mind.ticket.events;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Appends to a ticket's event log ({@code ticket_event}), the single record that activity, history and
 * stats read. Always inside the transaction of the change it describes, so a change and its event are
 * written together or not at all. Event types are lower camel case nouns or past participles
 * ({@code created}, {@code fieldChanged}, {@code tagsChanged}, {@code claimed}, {@code released},
 * {@code forwarded}, {@code conversationAdded}, ...); {@code data} is a small JSON object.
 */
@ApplicationScoped
public class TicketEvents {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    public TicketEvents(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** Records an event a person reads in the activity. */
    @Transactional(TxType.MANDATORY)
    public void record(long ticketId, String type, String actorId, Map<String, ?> data) {
        insert(ticketId, type, actorId, data, false);
    }

    /** Records an event shown only with {@code showTechnicalInformation=true}. */
    @Transactional(TxType.MANDATORY)
    public void recordTechnical(long ticketId, String type, String actorId, Map<String, ?> data) {
        insert(ticketId, type, actorId, data, true);
    }

    /**
     * Records an event another service reports (telephony call states, AI processing) and returns its id.
     */
    @Transactional(TxType.MANDATORY)
    public long append(long ticketId, String type, String actorId, Map<String, ?> data, boolean technical) {
        return insert(ticketId, type, actorId, data, technical);
    }

    /**
     * Records that ticket {@code ticketId} is deleted, in the deleting transaction, as a row that outlives the ticket:
     * no {@code ticket_id} (so the ticket's deletion does not cascade to it), the ticket's id in {@code data.ticketId}
     * (put first), followed by {@code data}. The activity never shows it (the ticket is gone); the hook relay sends it
     * as TicketDeleted.
     */
    @Transactional(TxType.MANDATORY)
    public long recordDeleted(long ticketId, String actorId, Map<String, ?> data) {
        Map<String, Object> withId = new java.util.LinkedHashMap<>();
        withId.put("ticketId", ticketId);
        withId.putAll(data);
        Object id = em.createNativeQuery("insert into ticket_event (ticket_id, type, actor_id, technical, data, created_at) "
                + "values (null, 'deleted', ?1, false, cast(?2 as jsonb), ?3) returning id")
                .setParameter(1, actorId)
                .setParameter(2, toJson("deleted", withId))
                .setParameter(3, now())
                .getSingleResult();
        return ((Number) id).longValue();
    }

    /**
     * Records an event of this service followed by those another service reported with the same change (the
     * {@code events} of a ticket's creation), in order, in one statement.
     */
    @Transactional(TxType.MANDATORY)
    public void record(long ticketId, String type, String actorId, Map<String, ?> data, List<ReportedEvent> reported) {
        if (reported.isEmpty()) {
            record(ticketId, type, actorId, data);
            return;
        }
        List<NewEvent> rows = rows(type, data, reported);
        StringBuilder sql = new StringBuilder("insert into ticket_event (ticket_id, type, actor_id, technical, data, created_at) values ");
        for (int i = 0; i < rows.size(); i++) {
            int p = 4 + i * 3;
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(p).append(", ?2, ?").append(p + 1)
                    .append(", cast(?").append(p + 2).append(" as jsonb), ?3)");
        }
        Query insert = em.createNativeQuery(sql.toString())
                .setParameter(1, ticketId)
                .setParameter(2, actorId)
                .setParameter(3, now());
        for (int i = 0; i < rows.size(); i++) {
            NewEvent row = rows.get(i);
            int p = 4 + i * 3;
            insert.setParameter(p, row.type()).setParameter(p + 1, row.technical()).setParameter(p + 2, row.json());
        }
        insert.executeUpdate();
    }

    /**
     * The rows of an event of this service followed by those another service reported with the same change, each
     * row's data rendered as JSON once: for a writer that inserts them with the change itself (a new ticket).
     */
    public List<NewEvent> rows(String type, Map<String, ?> data, List<ReportedEvent> reported) {
        List<NewEvent> rows = new ArrayList<>(reported.size() + 1);
        rows.add(new NewEvent(type, false, toJson(type, data)));
        for (ReportedEvent event : reported) {
            rows.add(new NewEvent(event.type(), event.technical(),
                    toJson(event.type(), event.data() == null || event.data().isNull() ? null : event.data())));
        }
        return rows;
    }

    /** One row of the event log before it is written, its data already JSON text. */
    public record NewEvent(String type, boolean technical, String json) {
    }

    /** The time an event is recorded with: now, in the database's precision. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private String toJson(String type, Object data) {
        try {
            return json.writeValueAsString(data == null ? Map.of() : data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + type + " is not JSON", e);
        }
    }

    private long insert(long ticketId, String type, String actorId, Map<String, ?> data, boolean technical) {
        String payload = toJson(type, data);
        // a plain insert: the log is written far more often than it is read as entities
        Object id = em.createNativeQuery("insert into ticket_event (ticket_id, type, actor_id, technical, data, created_at) "
                + "values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6) returning id")
                .setParameter(1, ticketId)
                .setParameter(2, type)
                .setParameter(3, actorId)
                .setParameter(4, technical)
                .setParameter(5, payload)
                .setParameter(6, now())
                .getSingleResult();
        return ((Number) id).longValue();
    }
}
