package mind.telephony.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.api.Channel;

/** A call in the routing queue, with the phone ticket it belongs to. */
@Entity
@Table(name = "queue_entry")
public class QueueEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null only while the entry is claimed and its ticket is being created. */
    @Column(name = "ticket_id")
    public Long ticketId;

    /** The phone system's call id: the key of every event about this call. */
    @Column(name = "channel_id")
    public String channelId;

    @Enumerated(EnumType.STRING)
    public QueueStatus status;

    @Column(name = "decline_reason_code")
    public String declineReasonCode;

    @Column(name = "decline_reason_message")
    public String declineReasonMessage;

    @Column(name = "decline_reason_debug_infos")
    public String declineReasonDebugInfos;

    @Column(name = "primary_tag_id")
    public Long primaryTagId;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    @Column(name = "subchannel_id")
    public Long subchannelId;

    @Column(name = "assigned_user_id")
    public Long assignedUserId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "assigned_user_raw_data")
    public JsonNode assignedUserRawData;

    @Convert(converter = RoutingConverter.class)
    public Routing routing;

    @Enumerated(EnumType.STRING)
    public CallDirection direction;

    @Column(name = "caller_name")
    public String callerName;

    public String phone;

    @Column(name = "contract_id")
    public String contractId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "ai_agent_id")
    public Long aiAgentId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "routed_at")
    public Instant routedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When the request creating this entry's ticket claimed it; null once the ticket id is in. */
    @Column(name = "claimed_at")
    public Instant claimedAt;

    /** When agentConnected connected the agent; null before. */
    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(name = "total_duration_seconds")
    public Integer totalDurationSeconds;

    @Column(name = "bot_duration_seconds")
    public Integer botDurationSeconds;

    @Column(name = "queue_duration_seconds")
    public Integer queueDurationSeconds;

    @Column(name = "human_duration_seconds")
    public Integer humanDurationSeconds;

    /** The deprecated duration as reported (else the total); set once callCompleted was received. */
    @Column(name = "duration_seconds")
    public Integer durationSeconds;
}
