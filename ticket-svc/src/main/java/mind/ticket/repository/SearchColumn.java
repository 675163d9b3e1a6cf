package mind.ticket.repository;

import java.util.Arrays;
import java.util.List;

import mind.common.api.Channel;
import mind.ticket.domain.TicketEnums;

/**
 * The filter and order keys of {@code POST /ticket/search} and the one SQL expression each stands for.
 * This enum is the whitelist: a key that is not here is refused, and SQL text is only ever taken from
 * {@link #sql}, never from a request.
 */
public enum SearchColumn {

    ID("t.id", "t.id", Kind.BIGINT, false),
    CHANNEL("t.channel", "t.channel", Kind.ENUM, false, names(Channel.values())),
    CHANNEL_ID("t.channelId", "t.channel_id", Kind.TEXT, true),
    SUBCHANNEL_ID("t.subchannelId", "t.subchannel_id", Kind.BIGINT, true),
    DIRECTION("t.direction", "t.direction", Kind.ENUM, false, names(TicketEnums.Direction.values())),
    STATUS("t.status", "t.status", Kind.ENUM, false, names(TicketEnums.Status.values())),
    /** Compared and ordered by rank (low < medium < high < urgent), not alphabetically. */
    PRIORITY("t.priority", "array_position(array['low','medium','high','urgent'], t.priority)", Kind.RANK, false,
            names(TicketEnums.Priority.values())),
    AGENT_ID("t.agentId", "t.agent_id", Kind.BIGINT, true),
    CUSTOMER_ID("t.customerId", "t.customer_id", Kind.TEXT, true),
    CONTRACT_ID("t.contractId", "t.contract_id", Kind.TEXT, true),
    AI_SUPPORT_LEVEL("t.aiSupportLevel", "t.ai_support_level", Kind.ENUM, false, names(TicketEnums.AiSupportLevel.values())),
    SPAM_STATUS("t.spamStatus", "t.spam_status", Kind.ENUM, true, names(TicketEnums.SpamStatus.values())),
    SENTIMENT("t.sentiment", "t.sentiment", Kind.TEXT, true),
    LANGUAGE("t.language", "t.language", Kind.TEXT, true),
    LANGUAGE_CODE("t.languageCode", "t.language_code", Kind.TEXT, true),
    FROM("t.from", "t.from_address", Kind.TEXT, true),
    EXTERNAL_TICKET_ID("t.externalTicketId", "t.external_ticket_id", Kind.TEXT, true),
    /**
     * The profile holding a live work-queue claim on the ticket (its lease not run out), null when none does: what
     * {@code getLatest} would not hand to anybody else now. A filter key only.
     */
    CLAIMED_BY("t.claimedBy", "(select c.agent_id from ticket_claim c where c.ticket_id = t.id and c.expires_at > now())",
            Kind.TEXT, true),

    CREATED_AT("t.createdAt", "t.created_at", Kind.TIME, false),
    MODIFIED_AT("t.modifiedAt", "t.modified_at", Kind.TIME, true),
    CLOSED_AT("t.closedAt", "t.closed_at", Kind.TIME, true),
    DUE_BY("t.dueBy", "t.due_by", Kind.TIME, true),
    FIRST_RESPONSE_DUE_BY("t.firstResponseDueBy", "t.first_response_due_by", Kind.TIME, true),
    LAST_MESSAGE_AT("t.lastMessageAt", "t.last_message_at", Kind.TIME, true),
    LAST_CUSTOMER_MESSAGE_AT("t.lastCustomerMessageAt", "t.last_customer_message_at", Kind.TIME, true),

    /** As an order key: the ticket's lowest tag id (untagged tickets last). */
    TAG_ID("tt.tagId", "t.tag_ids[1]", Kind.TAGS, true),
    /**
     * As an order key: the lowest id of the AI agents last detected on the ticket (none detected last); as a filter key
     * TicketFilter compares the whole set ({@link SearchCriterion.IdSet#DETECTED_AGENTS}).
     */
    AI_AGENT_ID("i.aiAgentId", "(" + SearchCriterion.IdSet.DETECTED_AGENTS.sql + ")[1]", Kind.TAGS, true);

    /** How values of a key are read and compared. */
    public enum Kind {
        BIGINT, TEXT, ENUM, RANK, TIME, TAGS
    }

    /**
     * Keys clients send that name data this service does not hold (partners, work items, QA assessments, the
     * responder, the customer's activity, model runs): refused with {@code unsupported_filter} rather than silently
     * matching everything or nothing.
     */
    public static final List<String> UNSUPPORTED = List.of("t.partnerId", "t.isCustomerActive", "t.modelRunAt",
            "t.responderId", "w.id", "qa.state");

    public final String key;
    public final String sql;
    public final Kind kind;
    public final boolean nullable;
    private final List<String> allowed;

    SearchColumn(String key, String sql, Kind kind, boolean nullable, String... allowed) {
        this.key = key;
        this.sql = sql;
        this.kind = kind;
        this.nullable = nullable;
        this.allowed = List.of(allowed);
    }

    /** The enum's values as spelled on the wire; empty for other kinds. */
    public List<String> allowed() {
        return allowed;
    }

    /** The column for an API key ({@code t.status}, or {@code status} as enneo's own docs write it), or null. */
    public static SearchColumn byKey(String key) {
        for (SearchColumn c : values()) {
            if (c.key.equals(key) || (c.key.startsWith("t.") && c.key.substring(2).equals(key))) {
                return c;
            }
        }
        return null;
    }

    private static String[] names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toArray(String[]::new);
    }
}
