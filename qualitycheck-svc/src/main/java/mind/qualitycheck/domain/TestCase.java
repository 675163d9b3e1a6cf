package mind.qualitycheck.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** One ticket assigned to one AI agent with the result the agent is expected to produce on it. */
@Entity
@Table(name = "test_case")
public class TestCase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version
    public int version;

    @Column(name = "ticket_id")
    public long ticketId;

    /** The agent's slug, as aiagent-svc names it. */
    @Column(name = "ai_agent_id")
    public String aiAgentId;

    /** aiagent-svc's numeric id of the agent. */
    @Column(name = "ai_agent_ref")
    public Long aiAgentRef;

    @Column(name = "ai_agent_name")
    public String aiAgentName;

    /** Copied from the ticket when the case is created. */
    public String channel;

    /** Copied from the ticket when the case is created. */
    public String summary;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "expected_result")
    public JsonNode expectedResult = JsonNodeFactory.instance.objectNode();

    @Column(name = "modified_by")
    public Long modifiedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
