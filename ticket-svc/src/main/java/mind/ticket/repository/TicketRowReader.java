package mind.ticket.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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
 * Reads one ticket row for the single-ticket GET, the hottest path of the service: one prepared SELECT through
 * the non-blocking client ({@link NonBlockingSql}), on the request's event loop. No Hibernate session, no
 * persistence context, no entity loading (which was a third of a GET's CPU), no transaction, and no hand-over
 * to a worker thread (a fifth of what was left; bench/RESULTS.md).
 *
 * <p>The row is copied into a {@link Ticket} that no session knows, so that the view is built by the same
 * {@code TicketView.of} as everywhere else and cannot drift from it. JSON columns are read as text and parsed
 * as Hibernate parses them for the entity: a default Jackson mapper (Hibernate's own, as
 * {@code quarkus.hibernate-orm.mapping.format.global=ignore} asks), never the REST one.
 */
@ApplicationScoped
public class TicketRowReader {

    /** Every column the view shows, and the version (the ETag). */
    static final List<String> COLUMNS = List.of("id", "version", "direction", "channel", "channel_id", "status",
            "priority", "interface", "ai_support_level", "spam_status", "from_address", "from_name", "to_addresses",
            "cc_addresses", "bcc_addresses", "subchannel_id", "external_ticket_id", "agent_id", "contract_id",
            "customer_id", "subject", "body", "body_plain", "summary", "sentiment", "language", "language_code",
            "is_escalated", "raw_data", "additional_data", "attachments", "tag_ids", "created_at", "modified_at",
            "closed_at", "first_response_due_by", "due_by", "assigned_agent_ids", "customer_legitimation", "intent_id");

    /**
     * The jsonb columns (as {@link TicketInsert#COLUMNS} types them), read as text: the client would otherwise decode
     * them its own way.
     */
    static final Set<String> JSON_COLUMNS = TicketInsert.COLUMNS.stream()
            .filter(column -> column.type() == TicketInsert.SqlType.JSONB).map(TicketInsert.Column::name)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The row and, in the same statement, who is present on the ticket at {@code $2} (ping's presence rows, by agent
     * id, as ping lists them): one more index probe, no second round trip.
     */
    static final String SELECT = "select " + String.join(", ", COLUMNS.stream()
            .map(column -> JSON_COLUMNS.contains(column) ? column + "::text as " + column : column)
            .toList()) + ", p.present_agent_ids, p.present_last_seen from ticket left join lateral ("
            + "select array_agg(agent_id order by agent_id) as present_agent_ids, "
            + "array_agg(last_seen order by agent_id) as present_last_seen "
            + "from ticket_presence where ticket_id = ticket.id and seen_until > $2) p on true where ticket.id = $1";

    /** A ticket as stored, with the agents present on it at the time asked and when each was last seen. */
    public record Read(Ticket ticket, Map<String, Instant> present) {
    }

    /** The mapper of the JSON columns, as Hibernate's own format mapper: a default one, never the REST one. */
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    // readers keep their type's deserializer: the mapper would look it up again for every column of every GET
    private static final ObjectReader STRINGS = JSON.readerFor(new TypeReference<List<String>>() { });
    private static final ObjectReader ATTACHMENTS = JSON.readerFor(new TypeReference<List<Attachment>>() { });
    private static final ObjectReader OBJECT_MAP = JSON.readerFor(new TypeReference<Map<String, Object>>() { });

    private final NonBlockingSql reads;

    public TicketRowReader(NonBlockingSql reads) {
        this.reads = reads;
    }

    /**
     * The ticket as stored, detached from any session, with who is present on it at {@code now}; empty when there is
     * no such ticket.
     */
    public Uni<Optional<Read>> find(long id, Instant now) {
        return reads.query(SELECT, Tuple.of(id, now.atOffset(ZoneOffset.UTC)), rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row row = it.next();
            return Optional.of(new Read(ticket(row), present(row)));
        });
    }

    /** The two presence columns after {@link #COLUMNS}: agent ids and last-seen times, in agent id order. */
    private static Map<String, Instant> present(Row row) {
        String[] agents = row.getArrayOfStrings(COLUMNS.size());
        if (agents == null) {
            return Map.of();
        }
        OffsetDateTime[] seen = row.getArrayOfOffsetDateTimes(COLUMNS.size() + 1);
        Map<String, Instant> present = new LinkedHashMap<>();
        for (int i = 0; i < agents.length; i++) {
            present.put(agents[i], seen[i].toInstant());
        }
        return present;
    }

    /**
     * Reads the columns by position, in {@link #COLUMNS}' order (a lookup by name scans the row's column names,
     * 40 times per GET); {@code TicketReadPathTest} fills every column and compares with the entity.
     */
    private static Ticket ticket(Row row) {
        int c = 0;
        Ticket t = new Ticket();
        t.id = row.getLong(c++);
        t.version = row.getInteger(c++);
        t.direction = Direction.valueOf(row.getString(c++));
        t.channel = Channel.valueOf(row.getString(c++));
        t.channelId = row.getString(c++);
        t.status = Status.valueOf(row.getString(c++));
        t.priority = Priority.valueOf(row.getString(c++));
        t.ticketInterface = Interface.valueOf(row.getString(c++));
        t.aiSupportLevel = AiSupportLevel.valueOf(row.getString(c++));
        String spamStatus = row.getString(c++);
        t.spamStatus = spamStatus == null ? null : SpamStatus.valueOf(spamStatus);
        t.from = row.getString(c++);
        t.fromName = row.getString(c++);
        t.to = json(row.getString(c++), STRINGS);
        t.cc = json(row.getString(c++), STRINGS);
        t.bcc = json(row.getString(c++), STRINGS);
        t.subchannelId = row.getLong(c++);
        t.externalTicketId = row.getString(c++);
        t.agentId = row.getLong(c++);
        t.contractId = row.getString(c++);
        t.customerId = row.getString(c++);
        t.subject = row.getString(c++);
        t.body = row.getString(c++);
        t.bodyPlain = row.getString(c++);
        t.summary = row.getString(c++);
        t.sentiment = row.getString(c++);
        t.language = row.getString(c++);
        t.languageCode = row.getString(c++);
        t.escalated = Boolean.TRUE.equals(row.getBoolean(c++));
        String rawData = row.getString(c++);
        t.rawData = rawData == null ? null : tree(rawData);
        t.additionalData = json(row.getString(c++), OBJECT_MAP);
        t.attachments = json(row.getString(c++), ATTACHMENTS);
        t.tagIds = longs(row.getArrayOfLongs(c++));
        t.createdAt = instant(row.getOffsetDateTime(c++));
        t.modifiedAt = instant(row.getOffsetDateTime(c++));
        t.closedAt = instant(row.getOffsetDateTime(c++));
        t.firstResponseDueBy = instant(row.getOffsetDateTime(c++));
        t.dueBy = instant(row.getOffsetDateTime(c++));
        t.assignedAgentIds = longs(row.getArrayOfLongs(c++));
        t.customerLegitimation = row.getInteger(c++);
        t.intentId = row.getLong(c++);
        return t;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /** A bigint[] as the entity holds it: a mutable list, empty for NULL. */
    private static List<Long> longs(Long[] values) {
        return values == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(values));
    }

    private static <T> T json(String text, ObjectReader reader) {
        if (text == null) {
            return null;
        }
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON column of a ticket does not parse as " + reader.getValueType(), e);
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
