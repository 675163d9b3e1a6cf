package mind.ticket.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.api.Channel;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Interface;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.SpamStatus;
import mind.ticket.domain.TicketEnums.Status;

@Entity
@Table(name = "ticket")
public class Ticket {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Optimistic-lock version; also the ETag. */
    @Version
    public int version;

    @Enumerated(EnumType.STRING)
    public Direction direction;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    /** Chat conversation id or external call id. */
    @Column(name = "channel_id")
    public String channelId;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(name = "interface")
    public Interface ticketInterface;

    @Enumerated(EnumType.STRING)
    @Column(name = "ai_support_level")
    public AiSupportLevel aiSupportLevel;

    @Enumerated(EnumType.STRING)
    @Column(name = "spam_status")
    public SpamStatus spamStatus;

    @Column(name = "from_address")
    public String from;

    @Column(name = "from_name")
    public String fromName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "to_addresses")
    public List<String> to = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "cc_addresses")
    public List<String> cc = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "bcc_addresses")
    public List<String> bcc = new ArrayList<>();

    @Column(name = "subchannel_id")
    public Long subchannelId;

    @Column(name = "external_ticket_id")
    public String externalTicketId;

    @Column(name = "agent_id")
    public Long agentId;

    @Column(name = "contract_id")
    public String contractId;

    @Column(name = "customer_id")
    public String customerId;

    public String subject;
    public String body;

    @Column(name = "body_plain")
    public String bodyPlain;

    public String summary;
    public String sentiment;
    public String language;

    @Column(name = "language_code")
    public String languageCode;

    @Column(name = "is_escalated")
    public boolean escalated;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "raw_data")
    public JsonNode rawData;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "additional_data")
    public Map<String, Object> additionalData = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Attachment> attachments = new ArrayList<>();

    /** Ids of the ticket's tags (names live in settings-svc), ascending, no duplicates; a bigint[] with a GIN index. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tag_ids")
    public List<Long> tagIds = new ArrayList<>();

    /** Principal (user id) that created the ticket. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "first_response_due_by")
    public Instant firstResponseDueBy;

    @Column(name = "due_by")
    public Instant dueBy;

    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    @Column(name = "last_customer_message_at")
    public Instant lastCustomerMessageAt;

    /** Further agents assigned to the ticket besides {@link #agentId}, ascending, no duplicates. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "assigned_agent_ids")
    public List<Long> assignedAgentIds = new ArrayList<>();

    /** The customer's legitimation level on this ticket (0 = none); null when not determined. */
    @Column(name = "customer_legitimation")
    public Integer customerLegitimation;

    /** The AI agent (intent) chosen for the ticket. */
    @Column(name = "intent_id")
    public Long intentId;
}
