package mind.ticket.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

import mind.ticket.domain.TicketEnums.Direction;

/** One message of a ticket. The ticket is referenced by id only: no association to load. */
@Entity
@Table(name = "conversation")
public class Conversation {

    /** Outgoing mail being handed to SMTP. */
    public static final String SENDING = "sending";
    /** Outgoing mail SMTP accepted. */
    public static final String SENT = "sent";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Optimistic-lock version; also the ETag. */
    @Version
    public int version;

    @Column(name = "ticket_id")
    public long ticketId;

    @Enumerated(EnumType.STRING)
    public ConversationType type;

    @Enumerated(EnumType.STRING)
    public Direction direction;

    @Column(name = "private")
    public boolean isPrivate;

    @Column(name = "is_draft")
    public boolean draft;

    @Column(name = "agent_id")
    public Long agentId;

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

    public String subject;

    public String body;

    @Column(name = "body_plain")
    public String bodyPlain;

    @Column(name = "external_conversation_id")
    public String externalConversationId;

    @Column(name = "subchannel_id")
    public Long subchannelId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "intent_ids")
    public List<Long> intentIds = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<ConversationAttachment> attachments = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "raw_data")
    public JsonNode rawData;

    /** {@link #SENDING} or {@link #SENT} for outgoing mail; null for everything not mailed. */
    public String delivery;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    /** Notes and drafts may be edited and deleted; what was sent or received is the record. */
    public boolean editable() {
        return type == ConversationType.note || draft;
    }
}
