package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.settings.api.RoleOne;
import mind.settings.api.RolePatch;
import mind.settings.api.RoleRequest;
import mind.settings.api.RoleView;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.Role;
import mind.settings.domain.RolePermissions;
import mind.settings.repository.RoleRepository;

/**
 * Roles: the three base roles (fixed) and custom roles on top of them. Role writes are serialized by one advisory
 * lock (names stay unique regardless of case; two deletes that move members to each other cannot deadlock). A
 * role being changed or deleted is held FOR UPDATE, and a profile being pointed at a custom role holds it FOR
 * SHARE ({@link #assignable}), so a delete either sees that profile as a member or the assignment sees no role: no
 * profile is left pointing at a deleted role (the foreign key would refuse it anyway).
 */
@ApplicationScoped
public class RoleService {

    private static final String LOCK = "role";

    private final RoleRepository roles;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public RoleService(RoleRepository roles, AdvisoryLocks locks, Clock clock) {
        this.roles = roles;
        this.locks = locks;
        this.clock = clock;
    }

    /** Every role in id order (the base roles first), with member counts read in one query. */
    @ReadOnly
    public List<RoleView> list() {
        Map<Long, Long> counts = roles.membersCounts();
        return roles.all().stream().map(r -> RoleView.of(r, counts.getOrDefault(r.id, 0L))).toList();
    }

    @ReadOnly
    public Versioned<RoleOne> get(long id) {
        Role r = find(id);
        return new Versioned<>(RoleOne.of(r, roles.membersCount(r)), r.version);
    }

    @Transactional
    public long create(RoleRequest body) {
        locks.lock(LOCK, "all");
        Role r = new Role();
        r.name = checkedName(body.name(), null);
        r.baseRoleId = body.baseRoleId() == null ? (long) ProfileRole.agent.roleId : checkedBase(body.baseRoleId());
        List<String> permissions = body.permissionNames();
        r.permissions = permissions == null ? RolePermissions.of(r.baseRole()).toArray(String[]::new)
                : checkedPermissions(permissions);
        r.createdAt = now();
        r.modifiedAt = r.createdAt;
        roles.persist(r);
        roles.flush();
        return r.id;
    }

    /**
     * Only the fields sent change. A new base role or new permissions change what the role's members answer (role,
     * permissions), so each member gets a new version, in this transaction.
     */
    @Transactional
    public Versioned<RoleOne> update(long id, RolePatch patch, Integer ifMatch) {
        locks.lock(LOCK, "all");
        Role r = lockedCustom(id, "changed");
        Preconditions.check(ifMatch, r.version);
        patch.name().applyTo(v -> r.name = checkedName(v, id));
        boolean membersChange = patch.baseRoleId().isPresent() || patch.permissions().isPresent();
        patch.baseRoleId().applyTo(v -> r.baseRoleId = checkedBase(v));
        patch.permissionNames().applyTo(v -> r.permissions = checkedPermissions(v));
        r.modifiedAt = now();
        roles.getEntityManager().lock(r, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        roles.flush();
        if (membersChange) {
            roles.moveMembers(id, id, r.baseRole(), r.modifiedAt);
        }
        return new Versioned<>(RoleOne.of(r, roles.membersCount(r)), r.version);
    }

    /**
     * Deletes a custom role. Its members move to {@code assignRoleId} (a base role or another custom role) in the
     * same transaction, each with a new version; a role with members and no assignRoleId is refused (409
     * role_has_members).
     */
    @Transactional
    public void delete(long id, Long assignRoleId, Integer ifMatch) {
        locks.lock(LOCK, "all");
        Role r = lockedCustom(id, "deleted");
        Preconditions.check(ifMatch, r.version);
        Role target = null;
        if (assignRoleId != null) {
            if (assignRoleId == id) {
                throw ApiException.invalidField("assignRoleId", "must name another role than the one deleted");
            }
            target = roles.locked(assignRoleId, false);
            if (target == null) {
                throw ApiException.invalidField("assignRoleId", "no role with id " + assignRoleId);
            }
        }
        long members = roles.membersCount(r);
        if (members > 0) {
            if (target == null) {
                throw new ApiException(409, "role_has_members", "Role " + id + " has " + members + " member"
                        + (members == 1 ? "" : "s") + "; name assignRoleId to move them to another role",
                        List.of(new FieldError("assignRoleId", "required: the role has " + members + " member"
                                + (members == 1 ? "" : "s"))), null);
            }
            roles.moveMembers(id, target.isBase() ? null : target.id, target.baseRole(), now());
        }
        roles.delete(r);
        roles.flush();
    }

    /**
     * The role a profile may be given as settings.roleId, held FOR SHARE until the caller's transaction ends (so it
     * cannot be deleted or changed meanwhile); 400 naming {@code field} when there is none.
     */
    public Role assignable(long roleId, String field) {
        Role r = roleId > 0 ? roles.locked(roleId, false) : null;
        if (r == null) {
            throw ApiException.invalidField(field, "no role with id " + roleId
                    + " (1 admin, 2 agent, 3 serviceWorker, or a custom role of GET /roles)");
        }
        return r;
    }

    private Role find(long id) {
        Role r = roles.findById(id);
        if (r == null) {
            throw ApiException.notFound("Role " + id + " not found");
        }
        return r;
    }

    private Role lockedCustom(long id, String what) {
        Role r = roles.locked(id, true);
        if (r == null) {
            throw ApiException.notFound("Role " + id + " not found");
        }
        if (r.isBase()) {
            throw ApiException.conflict("base_role", "Role " + id + " (" + r.name + ") is a base role and cannot be " + what);
        }
        return r;
    }

    private String checkedName(String name, Long id) {
        String stripped = name.strip();
        if (roles.nameTaken(stripped, id)) {
            throw new ApiException(409, "duplicate", "Another role is named " + stripped,
                    List.of(new FieldError("name", "is already taken by another role")), null);
        }
        return stripped;
    }

    private static long checkedBase(long baseRoleId) {
        if (ProfileRole.ofId(baseRoleId) == null) {
            throw ApiException.invalidField("baseRoleId", "must be 1 (admin), 2 (agent) or 3 (serviceWorker)");
        }
        return baseRoleId;
    }

    private static String[] checkedPermissions(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (!RolePermissions.isKnown(names.get(i))) {
                throw ApiException.invalidField("permissions[" + i + "]", "unknown permission " + names.get(i)
                        + "; known: " + String.join(", ", RolePermissions.known()));
            }
        }
        return RolePermissions.canonical(names).toArray(String[]::new);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
