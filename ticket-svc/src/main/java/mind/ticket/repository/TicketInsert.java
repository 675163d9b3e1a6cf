package mind.ticket.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Tuple;
import mind.ticket.domain.Ticket;
import mind.ticket.events.TicketEvents.NewEvent;

/**
 * Writes a new ticket and its first entries of the event log in one statement: the ticket's INSERT and the
 * events' INSERT joined by a data-modifying {@code WITH}, one round trip to PostgreSQL. Two ways to send it:
 * <ul>
 * <li>{@link #insert} through JDBC, on the connection of the caller's transaction when there is one (an upsert's,
 * an Idempotency-Key's), else on its own in autocommit;</li>
 * <li>{@link #insertNonBlocking} through the non-blocking client ({@link NonBlockingSql}) on the request's event
 * loop, in autocommit: the statement is atomic by itself, and a new ticket needs no worker thread.</li>
 * </ul>
 * Both bind the same values ({@link #values}) to the same statement, which casts every parameter to its column's
 * type, so that each client binds plain Java values (JSON and arrays as text).
 *
 * <p>Through Hibernate (a stateless insert, then the events as a native query) the same two rows were half of a
 * POST /ticket's CPU: binding through the type system, preparing both statements, and the query plans of the native
 * query (bench/RESULTS.md).
 *
 * <p>Every persistent field of {@link Ticket} is a column here; {@code TicketCreatePathTest} fills every field,
 * writes it both ways and reads the row back through Hibernate, so a field added to the entity and not here fails
 * it. JSON columns are written by the same plain Jackson mapper that {@link TicketRowReader} reads them with
 * (Hibernate's own format mapper is one too). The ticket's id comes from its identity column and is set on
 * {@code ticket}.
 */
@ApplicationScoped
public class TicketInsert {

    /** A parameter's SQL type; JSON and arrays are bound as text and cast from it. */
    enum SqlType {
        INT("int", Types.INTEGER), BIGINT("bigint", Types.BIGINT), TEXT("text", Types.VARCHAR),
        BOOLEAN("boolean", Types.BOOLEAN), TIMESTAMPTZ("timestamptz", Types.TIMESTAMP_WITH_TIMEZONE),
        JSONB("jsonb", Types.VARCHAR), BIGINT_ARRAY("bigint[]", Types.VARCHAR);

        final String sql;
        /** The JDBC type a null is bound as (pgjdbc sends a null timestamptz untyped all the same). */
        final int jdbcNull;

        SqlType(String sql, int jdbcNull) {
            this.sql = sql;
            this.jdbcNull = jdbcNull;
        }

        String placeholder(String parameter) {
            return this == JSONB || this == BIGINT_ARRAY ? "cast(cast(" + parameter + " as text) as " + sql + ")"
                    : "cast(" + parameter + " as " + sql + ")";
        }
    }

    record Column(String name, SqlType type) {
    }

    /** The ticket's columns in the order they are bound (the id is an identity, the search vector generated). */
    static final List<Column> COLUMNS = List.of(col("version", SqlType.INT), text("direction"), text("channel"),
            text("channel_id"), text("status"), text("priority"), text("interface"), text("ai_support_level"),
            text("spam_status"), text("from_address"), text("from_name"), col("to_addresses", SqlType.JSONB),
            col("cc_addresses", SqlType.JSONB), col("bcc_addresses", SqlType.JSONB), col("subchannel_id", SqlType.BIGINT),
            text("external_ticket_id"), col("agent_id", SqlType.BIGINT), text("contract_id"), text("customer_id"),
            text("subject"), text("body"), text("body_plain"), text("summary"), text("sentiment"), text("language"),
            text("language_code"), col("is_escalated", SqlType.BOOLEAN), col("raw_data", SqlType.JSONB),
            col("additional_data", SqlType.JSONB), col("attachments", SqlType.JSONB), text("created_by"),
            col("created_at", SqlType.TIMESTAMPTZ), col("modified_at", SqlType.TIMESTAMPTZ),
            col("closed_at", SqlType.TIMESTAMPTZ), col("first_response_due_by", SqlType.TIMESTAMPTZ),
            col("due_by", SqlType.TIMESTAMPTZ), col("last_message_at", SqlType.TIMESTAMPTZ),
            col("last_customer_message_at", SqlType.TIMESTAMPTZ), col("tag_ids", SqlType.BIGINT_ARRAY),
            col("assigned_agent_ids", SqlType.BIGINT_ARRAY), col("customer_legitimation", SqlType.INT),
            col("intent_id", SqlType.BIGINT));

    /** After the ticket's columns: the actor and time of all events, then type, technical and data of each. */
    private static final List<SqlType> EVENTS_HEAD = List.of(SqlType.TEXT, SqlType.TIMESTAMPTZ);
    private static final List<SqlType> EVENT = List.of(SqlType.TEXT, SqlType.BOOLEAN, SqlType.JSONB);

    /** The statements per number of events (the created event, and up to ten a service reports with it). */
    private static final Map<Integer, JdbcStatement> JDBC_STATEMENTS = new ConcurrentHashMap<>();
    private static final Map<Integer, String> NON_BLOCKING_STATEMENTS = new ConcurrentHashMap<>();

    /** A JDBC statement's text and its parameters' types (for binding nulls), built once per number of events. */
    private record JdbcStatement(String sql, List<SqlType> types) {
        static JdbcStatement forEvents(int events) {
            return new JdbcStatement(TicketInsert.statement(events, i -> "?"), TicketInsert.types(events));
        }
    }

    private final AgroalDataSource dataSource;
    private final NonBlockingSql nonBlocking;

    public TicketInsert(AgroalDataSource dataSource, NonBlockingSql nonBlocking) {
        this.dataSource = dataSource;
        this.nonBlocking = nonBlocking;
    }

    /**
     * Inserts {@code ticket} (version 0) and {@code events} in this order, all by {@code actorId} at {@code at},
     * through JDBC, and sets the ticket's id and version. {@code events} holds at least the ticket's created event.
     */
    @Transactional(TxType.SUPPORTS)
    public void insert(Ticket ticket, String actorId, Instant at, List<NewEvent> events) {
        List<Object> values = values(ticket, actorId, at, events);
        JdbcStatement statement = JDBC_STATEMENTS.computeIfAbsent(events.size(), JdbcStatement::forEvents);
        List<SqlType> types = statement.types();
        // in a transaction, its connection (the one Hibernate uses in it), committed with it; else one statement in
        // autocommit, atomic by itself
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(statement.sql())) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    s.setNull(i + 1, types.get(i).jdbcNull);
                } else {
                    s.setObject(i + 1, values.get(i));
                }
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("the ticket's INSERT returned no id");
                }
                created(ticket, r.getLong(1));
            }
        } catch (SQLException e) {
            // the cause keeps its SQL state, which the error mappers classify (a unique violation, a timeout)
            throw new PersistenceException("inserting a new ticket failed: " + e.getMessage(), e);
        }
    }

    /**
     * The same as {@link #insert}, on the caller's event loop through the non-blocking client, never in a
     * transaction: the ticket with its id and version once the statement is done.
     */
    public Uni<Ticket> insertNonBlocking(Ticket ticket, String actorId, Instant at, List<NewEvent> events) {
        Tuple values = Tuple.from(values(ticket, actorId, at, events));
        String sql = NON_BLOCKING_STATEMENTS.computeIfAbsent(events.size(), n -> statement(n, i -> "$" + i));
        return nonBlocking.query(sql, values, rows -> {
            var row = rows.iterator();
            if (!row.hasNext()) {
                throw new IllegalStateException("the ticket's INSERT returned no id");
            }
            created(ticket, row.next().getLong(0));
            return ticket;
        });
    }

    private static void created(Ticket ticket, long id) {
        ticket.id = id;
        ticket.version = 0;
    }

    /**
     * {@code with t as (insert into ticket ...) insert into ticket_event ... select from t and the events}, with
     * {@code parameter} naming the 1-based parameter (JDBC's {@code ?}, the non-blocking client's {@code $n}).
     */
    static String statement(int events, IntFunction<String> parameter) {
        int[] p = {0};
        String values = COLUMNS.stream().map(c -> c.type().placeholder(parameter.apply(++p[0])))
                .collect(Collectors.joining(", "));
        String actor = EVENTS_HEAD.get(0).placeholder(parameter.apply(++p[0]));
        String createdAt = EVENTS_HEAD.get(1).placeholder(parameter.apply(++p[0]));
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= events; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i);
            for (SqlType type : EVENT) {
                rows.append(", ").append(type.placeholder(parameter.apply(++p[0])));
            }
            rows.append(")");
        }
        String columns = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
        return "with t as (insert into ticket (" + columns + ") values (" + values + ") returning id), "
                + "a as (select " + actor + " as actor_id, " + createdAt + " as created_at) "
                + "insert into ticket_event (ticket_id, type, actor_id, technical, data, created_at) "
                + "select t.id, e.type, a.actor_id, e.technical, e.data, a.created_at "
                + "from t cross join a cross join (values " + rows + ") as e(ord, type, technical, data) "
                + "order by e.ord returning ticket_id";
    }

    /** The parameters' types, in the order of {@link #values}. */
    private static List<SqlType> types(int events) {
        List<SqlType> types = new ArrayList<>(COLUMNS.size() + EVENTS_HEAD.size() + EVENT.size() * events);
        COLUMNS.forEach(c -> types.add(c.type()));
        types.addAll(EVENTS_HEAD);
        for (int i = 0; i < events; i++) {
            types.addAll(EVENT);
        }
        return List.copyOf(types);
    }

    /**
     * The statement's parameters: the ticket's columns in {@link #COLUMNS}' order (version 0), the actor and time,
     * then each event's type, technical flag and data. Plain Java values of the parameters' types (instants as UTC
     * offsets, JSON and arrays as text); null for SQL NULL.
     */
    static List<Object> values(Ticket t, String actorId, Instant at, List<NewEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a new ticket needs its created event");
        }
        List<Object> v = new ArrayList<>(COLUMNS.size() + EVENTS_HEAD.size() + EVENT.size() * events.size());
        v.add(0);
        v.add(name(t.direction));
        v.add(name(t.channel));
        v.add(t.channelId);
        v.add(name(t.status));
        v.add(name(t.priority));
        v.add(name(t.ticketInterface));
        v.add(name(t.aiSupportLevel));
        v.add(name(t.spamStatus));
        v.add(t.from);
        v.add(t.fromName);
        v.add(json(t.to));
        v.add(json(t.cc));
        v.add(json(t.bcc));
        v.add(t.subchannelId);
        v.add(t.externalTicketId);
        v.add(t.agentId);
        v.add(t.contractId);
        v.add(t.customerId);
        v.add(t.subject);
        v.add(t.body);
        v.add(t.bodyPlain);
        v.add(t.summary);
        v.add(t.sentiment);
        v.add(t.language);
        v.add(t.languageCode);
        v.add(t.escalated);
        v.add(json(t.rawData));
        v.add(json(t.additionalData));
        v.add(json(t.attachments));
        v.add(t.createdBy);
        v.add(utc(t.createdAt));
        v.add(utc(t.modifiedAt));
        v.add(utc(t.closedAt));
        v.add(utc(t.firstResponseDueBy));
        v.add(utc(t.dueBy));
        v.add(utc(t.lastMessageAt));
        v.add(utc(t.lastCustomerMessageAt));
        v.add(array(t.tagIds));
        v.add(array(t.assignedAgentIds));
        v.add(t.customerLegitimation);
        v.add(t.intentId);
        if (v.size() != COLUMNS.size()) {
            throw new IllegalStateException("bound " + v.size() + " of the ticket's " + COLUMNS.size() + " columns");
        }
        v.add(actorId);
        v.add(utc(at));
        for (NewEvent event : events) {
            v.add(event.type());
            v.add(event.technical());
            v.add(event.json());
        }
        return v;
    }

    private static Column col(String name, SqlType type) {
        return new Column(name, type);
    }

    private static Column text(String name) {
        return new Column(name, SqlType.TEXT);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static OffsetDateTime utc(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
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
