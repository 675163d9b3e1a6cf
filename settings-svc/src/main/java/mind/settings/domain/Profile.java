package mind.settings.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.ProfileEnums.RoutingStatus;
import mind.settings.domain.ProfileEnums.SkillMatch;
import mind.settings.domain.ProfileEnums.Status;

/**
 * A person (or service worker) who works with Mind. The id is the {@code sub} of the person's tokens.
 * Team memberships live in {@code team_member}, not here.
 */
@Entity
@Table(name = "profile")
public class Profile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version
    public int version;

    /** Lower-case; unique. */
    public String email;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String phone;

    public String type = "enneo";

    public String lang = "de";

    @Column(name = "name_alias")
    public String nameAlias;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "is_sso_only")
    public boolean isSsoOnly;

    /** The base role; with a custom role, that role's base role (services check base roles). */
    @Enumerated(EnumType.STRING)
    public ProfileRole role;

    /** A custom role (never a base role), whose permissions the profile has; null: the base role's. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "role_id")
    public Role customRole;

    @Enumerated(EnumType.STRING)
    public Status status = Status.offline;

    @Enumerated(EnumType.STRING)
    @Column(name = "call_routing_status")
    public RoutingStatus callRoutingStatus = RoutingStatus.idle;

    @Enumerated(EnumType.STRING)
    @Column(name = "chat_routing_status")
    public RoutingStatus chatRoutingStatus = RoutingStatus.idle;

    /**
     * Tag ids, ascending, no duplicates. An array rather than a List: Hibernate resolves one JDBC type per
     * Java type, and List&lt;Long&gt; is already JSON in Tag.
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public Long[] skills = new Long[0];

    @Enumerated(EnumType.STRING)
    @Column(name = "skill_match")
    public SkillMatch skillMatch = SkillMatch.AT_LEAST_ONE;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "backlog_tag_restrictions")
    public Long[] backlogTagRestrictions = new Long[0];

    /** Touched by the profile's own requests; not part of the version (a read does not change the ETag). */
    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
