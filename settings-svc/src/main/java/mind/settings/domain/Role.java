package mind.settings.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import mind.settings.domain.ProfileEnums.ProfileRole;

/**
 * A role: one of the three base roles (ids 1-3, no base role, permissions from {@link RolePermissions}), or a
 * custom role on top of one of them with its own permission names. Base roles are never changed or deleted.
 */
@Entity
@Table(name = "role")
public class Role {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version
    public int version;

    public String name;

    /** Null for a base role. */
    @Column(name = "base_role_id")
    public Long baseRoleId;

    /** A custom role's permission names, in the order of {@link RolePermissions#known()}; empty for a base role. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] permissions = new String[0];

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    public boolean isBase() {
        return baseRoleId == null;
    }

    /** The base role profiles of this role have: the role itself for a base role. */
    public ProfileRole baseRole() {
        return ProfileRole.ofId(isBase() ? id : baseRoleId);
    }

    /** What the role grants: the fixed list of a base role, the stored names of a custom role. */
    public List<String> grantedPermissions() {
        return isBase() ? RolePermissions.of(baseRole()) : List.of(permissions);
    }
}
