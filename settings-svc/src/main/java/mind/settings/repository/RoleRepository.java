package mind.settings.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.Role;

@ApplicationScoped
public class RoleRepository implements PanacheRepository<Role> {

    /** Which role a profile row is a member of: its custom role, else its base role's id. */
    private static final String MEMBER_OF = "coalesce(role_id, case role when 'admin' then 1 when 'agent' then 2 "
            + "when 'serviceWorker' then 3 end)";

    public List<Role> all() {
        return listAll(Sort.by("id"));
    }

    /**
     * The role, held FOR SHARE until the transaction ends (a profile being pointed at it), or FOR UPDATE (the
     * role being changed or deleted); null when there is none, also when it was deleted while this waited.
     */
    public Role locked(long id, boolean forUpdate) {
        return getEntityManager().find(Role.class, id,
                forUpdate ? LockModeType.PESSIMISTIC_WRITE : LockModeType.PESSIMISTIC_READ);
    }

    /** Another role (not {@code exceptId}) with this name, ignoring case. */
    public boolean nameTaken(String name, Long exceptId) {
        return count("lower(name) = lower(?1) and id <> ?2", name, exceptId == null ? -1L : exceptId) > 0;
    }

    /** Members per role id: profiles with the custom role, or with the base role and no custom role. */
    public Map<Long, Long> membersCounts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("select " + MEMBER_OF + " as rid, count(*) from profile "
                + "group by rid").getResultList();
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            if (row[0] != null) {
                counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
            }
        }
        return counts;
    }

    public long membersCount(Role role) {
        var query = role.isBase()
                ? getEntityManager().createNativeQuery("select count(*) from profile where role_id is null and role = :base")
                        .setParameter("base", role.baseRole().name())
                : getEntityManager().createNativeQuery("select count(*) from profile where role_id = :id")
                        .setParameter("id", role.id);
        return ((Number) query.getSingleResult()).longValue();
    }

    /**
     * Moves every profile of custom role {@code fromId} to {@code toCustomRoleId} (null: no custom role) with base role
     * {@code base}; each profile moved gets a new version. Also used with fromId = toCustomRoleId when a role's base
     * role or permissions change (its members' answers change).
     *
     * @return profiles changed
     */
    public int moveMembers(long fromId, Long toCustomRoleId, ProfileRole base, Instant now) {
        var update = getEntityManager().createNativeQuery("update profile set role_id = "
                + (toCustomRoleId == null ? "null" : ":to") + ", role = :base, version = version + 1, modified_at = :now "
                + "where role_id = :from")
                .setParameter("base", base.name()).setParameter("now", now).setParameter("from", fromId);
        if (toCustomRoleId != null) {
            update.setParameter("to", toCustomRoleId);
        }
        return update.executeUpdate();
    }
}
