package mind.ticket.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import mind.common.api.Channel;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.Ticket;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Interface;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.SpamStatus;
import mind.ticket.domain.TicketEnums.Status;

/**
 * Reads one ticket row with plain JDBC, for the single-ticket GET: one prepared SELECT in
 * autocommit, no Hibernate session, no persistence context, no entity loading (which was a third of
 * a GET's CPU: the batch loader, the row initializers and a reflective field set per column).
 *
 * <p>The row is copied into a {@link Ticket} that no session knows, so that the view is built by
 * the same {@code TicketView.of} as everywhere else and cannot drift from it. JSON columns are
 * parsed as Hibernate parses them for the entity: a default Jackson mapper (Hibernate's own, as
 * {@code quarkus.hibernate-orm.mapping.format.global=ignore} asks), never the REST one.
 */
@ApplicationScoped
public class TicketRowReader {

    /** Every column the view shows, and the version (the ETag). */
    static final String SELECT = "select id, version, direction, channel, channel_id, status, priority, interface, "
            + "ai_support_level, spam_status, from_address, from_name, to_addresses, cc_addresses, bcc_addresses, "
            + "subchannel_id, external_ticket_id, agent_id, contract_id, customer_id, subject, body, body_plain, "
            + "summary, sentiment, language, language_code, is_escalated, raw_data, additional_data, attachments, "
            + "tag_ids, created_at, modified_at, closed_at, first_response_due_by, due_by, assigned_agent_ids, "
            + "customer_legitimation, intent_id from ticket where id = ?";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final JavaType STRINGS = JSON.getTypeFactory().constructType(new TypeReference<List<String>>() { });
    private static final JavaType ATTACHMENTS = JSON.getTypeFactory()
            .constructType(new TypeReference<List<Attachment>>() { });
    private static final JavaType OBJECT_MAP = JSON.getTypeFactory()
            .constructType(new TypeReference<Map<String, Object>>() { });

    private final AgroalDataSource dataSource;

    public TicketRowReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The ticket as stored, detached from any session; empty when there is no such ticket. */
    public Optional<Ticket> find(long id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(ticket(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            // the cause chain keeps the SQL state, which the error mappers turn into 503s where they apply
            throw new IllegalStateException("Reading ticket " + id + " failed", e);
        }
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        Ticket t = new Ticket();
        t.id = rs.getLong("id");
        t.version = rs.getInt("version");
        t.direction = Direction.valueOf(rs.getString("direction"));
        t.channel = Channel.valueOf(rs.getString("channel"));
        t.channelId = rs.getString("channel_id");
        t.status = Status.valueOf(rs.getString("status"));
        t.priority = Priority.valueOf(rs.getString("priority"));
        t.ticketInterface = Interface.valueOf(rs.getString("interface"));
        t.aiSupportLevel = AiSupportLevel.valueOf(rs.getString("ai_support_level"));
        t.spamStatus = nullable(rs.getString("spam_status"), SpamStatus::valueOf);
        t.from = rs.getString("from_address");
        t.fromName = rs.getString("from_name");
        t.to = json(rs.getString("to_addresses"), STRINGS);
        t.cc = json(rs.getString("cc_addresses"), STRINGS);
        t.bcc = json(rs.getString("bcc_addresses"), STRINGS);
        t.subchannelId = longOrNull(rs, "subchannel_id");
        t.externalTicketId = rs.getString("external_ticket_id");
        t.agentId = longOrNull(rs, "agent_id");
        t.contractId = rs.getString("contract_id");
        t.customerId = rs.getString("customer_id");
        t.subject = rs.getString("subject");
        t.body = rs.getString("body");
        t.bodyPlain = rs.getString("body_plain");
        t.summary = rs.getString("summary");
        t.sentiment = rs.getString("sentiment");
        t.language = rs.getString("language");
        t.languageCode = rs.getString("language_code");
        t.escalated = rs.getBoolean("is_escalated");
        String rawData = rs.getString("raw_data");
        t.rawData = rawData == null ? null : tree(rawData);
        t.additionalData = json(rs.getString("additional_data"), OBJECT_MAP);
        t.attachments = json(rs.getString("attachments"), ATTACHMENTS);
        t.tagIds = longs(rs.getArray("tag_ids"));
        t.createdAt = instant(rs, "created_at");
        t.modifiedAt = instant(rs, "modified_at");
        t.closedAt = instant(rs, "closed_at");
        t.firstResponseDueBy = instant(rs, "first_response_due_by");
        t.dueBy = instant(rs, "due_by");
        t.assignedAgentIds = longs(rs.getArray("assigned_agent_ids"));
        int legitimation = rs.getInt("customer_legitimation");
        t.customerLegitimation = rs.wasNull() ? null : legitimation;
        t.intentId = longOrNull(rs, "intent_id");
        return t;
    }

    private static <E> E nullable(String value, java.util.function.Function<String, E> parse) {
        return value == null ? null : parse.apply(value);
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A bigint[] as the entity holds it: a mutable list, empty for NULL. */
    private static List<Long> longs(Array array) throws SQLException {
        if (array == null) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Arrays.asList((Long[]) array.getArray()));
        } finally {
            array.free();
        }
    }

    private static <T> T json(String text, JavaType type) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON column of a ticket does not parse as " + type, e);
        }
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("raw_data of a ticket does not parse", e);
        }
    }
}
