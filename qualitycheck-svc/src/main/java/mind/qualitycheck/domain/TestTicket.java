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

/** One test case tested in one run: the expected result copied at scheduling, the actual once tested. */
@Entity
@Table(name = "test_ticket")
public class TestTicket {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version
    public int version;

    @Column(name = "test_run_id")
    public long testRunId;

    @Column(name = "test_case_id")
    public Long testCaseId;

    @Column(name = "ticket_id")
    public long ticketId;

    @Column(name = "ai_agent_id")
    public String aiAgentId;

    @Enumerated(EnumType.STRING)
    public TestTicketState state;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode config = JsonNodeFactory.instance.objectNode();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "expected_result")
    public JsonNode expectedResult = JsonNodeFactory.instance.objectNode();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "actual_result")
    public JsonNode actualResult;

    /** aiagent-svc's answer as it came, for looking into a mismatch. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "raw_result")
    public JsonNode rawResult;

    /** Whether every expected field matched; null until tested. */
    public Boolean successful;

    public String error;

    @Column(name = "tested_at")
    public Instant testedAt;
}
