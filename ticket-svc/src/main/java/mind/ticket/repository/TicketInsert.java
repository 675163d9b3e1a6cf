package mind.ticket.repository;

import static mind.common.persistence.JdbcParams.setInstant;
import static mind.common.persistence.JdbcParams.setInteger;
import static mind.common.persistence.JdbcParams.setLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.agroal.api.AgroalDataSource;
import mind.ticket.domain.Ticket;
import mind.ticket.events.TicketEvents.NewEvent;

/**
 * Writes a new ticket and its first entries of the event log in one statement: the ticket's INSERT and the
 * events' INSERT joined by a data-modifying {@code WITH}, one round trip to PostgreSQL, on the connection of the
 * caller's transaction when there is one, else on its own (autocommit: the statement is atomic). Through Hibernate
 * (a stateless insert, then the events as a native query) the same two rows were half of a POST /ticket's CPU:
 * binding through the type system, preparing both statements, and the query plans of the native query
 * (bench/RESULTS.md).
 *
 * <p>Every persistent field of {@link Ticket} is a column here; {@code TicketCreatePathTest} fills every field
 * and reads the row back through Hibernate, so a field added to the entity and not here fails it. JSON columns
 * are written by the same plain Jackson mapper that {@link TicketRowReader} reads them with (Hibernate's own
 * format mapper is one too). The ticket's id comes from its identity column and is set on {@code ticket}.
 */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class TicketInsert {

    /** The ticket's columns in the order they are bound (the id is an identity, the search vector generated). */
    static final List<String> COLUMNS = List.of("version", "direction", "channel", "channel_id", "status", "priority",
            "interface", "ai_support_level", "spam_status", "from_address", "from_name", "to_addresses", "cc_addresses",
            "bcc_addresses", "subchannel_id", "external_ticket_id", "agent_id", "contract_id", "customer_id", "subject",
            "body", "body_plain", "summary", "sentiment", "language", "language_code", "is_escalated", "raw_data",
            "additional_data", "attachments", "created_by", "created_at", "modified_at", "closed_at",
            "first_response_due_by", "due_by", "last_message_at", "last_customer_message_at", "tag_ids",
            "assigned_agent_ids", "customer_legitimation", "intent_id");

    /** The statement per number of events (the created event, and up to ten a service reports with it). */
    private static final Map<Integer, String> STATEMENTS = new ConcurrentHashMap<>();

    private final AgroalDataSource dataSource;

    public TicketInsert(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts {@code ticket} (version 0) and {@code events} in this order, all by {@code actorId} at {@code at},
     * and sets the ticket's id and version. {@code events} holds at least the ticket's created event.
     */
    public void insert(Ticket ticket, String actorId, Instant at, List<NewEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a new ticket needs its created event");
        }
        String sql = STATEMENTS.computeIfAbsent(events.size(), TicketInsert::statement);
        // in a transaction, its connection (the one Hibernate uses in it), committed with it; else one statement in
        // autocommit, atomic by itself
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(sql)) {
            int p = bindTicket(s, ticket);
            s.setString(++p, actorId);
            setInstant(s, ++p, at);
            for (NewEvent event : events) {
                s.setString(++p, event.type());
                s.setBoolean(++p, event.technical());
                s.setString(++p, event.json());
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("the ticket's INSERT returned no id");
                }
                ticket.id = r.getLong(1);
                ticket.version = 0;
            }
        } catch (SQLException e) {
            // the cause keeps its SQL state, which the error mappers classify (a unique violation, a timeout)
            throw new PersistenceException("inserting a new ticket failed: " + e.getMessage(), e);
        }
    }

    /** {@code with t as (insert into ticket ...) insert into ticket_event ... select from t and the events}. */
    static String statement(int events) {
        String values = COLUMNS.stream().map(TicketInsert::placeholder).collect(Collectors.joining(", "));
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= events; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", ?, ?, cast(? as jsonb))");
        }
        return "with t as (insert into ticket (" + String.join(", ", COLUMNS) + ") values (" + values + ") returning id), "
                + "a as (select cast(? as text) as actor_id, cast(? as timestamptz) as created_at) "
                + "insert into ticket_event (ticket_id, type, actor_id, technical, data, created_at) "
                + "select t.id, e.type, a.actor_id, e.technical, e.data, a.created_at "
                + "from t cross join a cross join (values " + rows + ") as e(ord, type, technical, data) "
                + "order by e.ord returning ticket_id";
    }

    private static String placeholder(String column) {
        if (TicketRowReader.JSON_COLUMNS.contains(column)) {
            return "cast(? as jsonb)";
        }
        return column.equals("tag_ids") || column.equals("assigned_agent_ids") ? "cast(? as bigint[])" : "?";
    }

    /** Binds the ticket's columns in {@link #COLUMNS}' order; returns the last index bound. */
    private static int bindTicket(PreparedStatement s, Ticket t) throws SQLException {
        int p = 0;
        s.setInt(++p, 0);
        s.setString(++p, name(t.direction));
        s.setString(++p, name(t.channel));
        s.setString(++p, t.channelId);
        s.setString(++p, name(t.status));
        s.setString(++p, name(t.priority));
        s.setString(++p, name(t.ticketInterface));
        s.setString(++p, name(t.aiSupportLevel));
        s.setString(++p, name(t.spamStatus));
        s.setString(++p, t.from);
        s.setString(++p, t.fromName);
        s.setString(++p, json(t.to));
        s.setString(++p, json(t.cc));
        s.setString(++p, json(t.bcc));
        setLong(s, ++p, t.subchannelId);
        s.setString(++p, t.externalTicketId);
        setLong(s, ++p, t.agentId);
        s.setString(++p, t.contractId);
        s.setString(++p, t.customerId);
        s.setString(++p, t.subject);
        s.setString(++p, t.body);
        s.setString(++p, t.bodyPlain);
        s.setString(++p, t.summary);
        s.setString(++p, t.sentiment);
        s.setString(++p, t.language);
        s.setString(++p, t.languageCode);
        s.setBoolean(++p, t.escalated);
        s.setString(++p, json(t.rawData));
        s.setString(++p, json(t.additionalData));
        s.setString(++p, json(t.attachments));
        s.setString(++p, t.createdBy);
        setInstant(s, ++p, t.createdAt);
        setInstant(s, ++p, t.modifiedAt);
        setInstant(s, ++p, t.closedAt);
        setInstant(s, ++p, t.firstResponseDueBy);
        setInstant(s, ++p, t.dueBy);
        setInstant(s, ++p, t.lastMessageAt);
        setInstant(s, ++p, t.lastCustomerMessageAt);
        s.setString(++p, array(t.tagIds));
        s.setString(++p, array(t.assignedAgentIds));
        setInteger(s, ++p, t.customerLegitimation);
        setLong(s, ++p, t.intentId);
        return p;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A JSON column's text; SQL NULL for a null field, as Hibernate writes it. */
    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        // most new tickets leave most JSON columns empty
        if (value instanceof Collection<?> collection && collection.isEmpty()) {
            return "[]";
        }
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return "{}";
        }
        try {
            return TicketRowReader.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a JSON column of the new ticket does not serialise", e);
        }
    }

    /** A bigint[] in PostgreSQL's array literal ({@code {1,2}}); SQL NULL for a null field. */
    private static String array(List<Long> values) {
        if (values == null) {
            return null;
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "" : ",").append(values.get(i));
        }
        return literal.append('}').toString();
    }
}
