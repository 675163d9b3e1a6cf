package mind.aiagent.domain;

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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import mind.aiagent.domain.AiAgentEnums.AiAgentChannel;
import mind.aiagent.domain.AiAgentEnums.Category;
import mind.aiagent.domain.AiAgentEnums.Intelligence;

@Entity
@Table(name = "ai_agent")
public class AiAgent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Optimistic-lock version; also the ETag. */
    @Version
    public int version;

    /** enneo's agent "code", unique; other services and test runs refer to agents by it. */
    public String slug;

    public String name;
    public String description;

    /** Skill tag the agent is filed under (tags live in settings-svc). */
    @Column(name = "tag_id")
    public Long tagId;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<AiAgentChannel> channels = new ArrayList<>(List.of(AiAgentChannel.all));

    @Enumerated(EnumType.STRING)
    public Intelligence intelligence;

    @Enumerated(EnumType.STRING)
    public Category category = Category.intent;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode appearance = JsonNodeFactory.instance.objectNode();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "example_ticket_ids")
    public List<Long> exampleTicketIds = new ArrayList<>();

    /** Free-form: executors, parameters, response cases, detection details, personality. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode settings = JsonNodeFactory.instance.objectNode();

    public boolean enabled = true;

    /** Principal (user id) that created the agent; kept for audit, not part of the API shape. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
