package mind.qualitycheck.domain;

import java.time.Instant;

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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

@Entity
@Table(name = "test_run")
public class TestRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Optimistic lock: the request thread (stop, accept) and the background worker both update runs. */
    @Version
    public int version;

    /** The agent's code (slug) as aiagent-svc names it; enneo types it as a string. */
    @Column(name = "ai_agent_id")
    public String aiAgentId;

    /** Copied at scheduling time, so the list still reads well after the agent is renamed or deleted. */
    /** aiagent-svc's numeric id of the agent, sent in the dry-run calls. */
    @Column(name = "ai_agent_ref")
    public Long aiAgentRef;

    @Column(name = "ai_agent_name")
    public String aiAgentName;

    @Enumerated(EnumType.STRING)
    public TestRunState state;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode config = JsonNodeFactory.instance.objectNode();

    /** User id of whoever scheduled the run. */
    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "end_date")
    public Instant endDate;

    @Column(name = "tickets_scheduled_for_testing")
    public int ticketsScheduledForTesting;

    @Column(name = "tickets_tested")
    public int ticketsTested;

    @Column(name = "successful_tests")
    public int successfulTests;

    public String description;
}
