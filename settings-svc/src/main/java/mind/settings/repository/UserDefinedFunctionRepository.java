package mind.settings.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import mind.settings.domain.UdfType;
import mind.settings.domain.UserDefinedFunction;

@ApplicationScoped
public class UserDefinedFunctionRepository implements PanacheRepository<UserDefinedFunction> {

    /** In id order; {@code type} null means every type. */
    public List<UserDefinedFunction> list(UdfType type) {
        return type == null ? listAll(Sort.by("id")) : list("type", Sort.by("id"), type);
    }

    /** Names are unique regardless of case (see the unique index on lower(name)). */
    public boolean nameTaken(String name) {
        return count("lower(name) = lower(?1)", name) > 0;
    }

    /**
     * The function with this id, its row locked against deletion until the transaction ends ({@code for share}):
     * an event hook being created for it and the function's delete are serialized.
     */
    public Optional<UserDefinedFunction> findSharedLock(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_READ);
    }

    /** The function with this name (names are unique regardless of case), locked as {@link #findSharedLock}. */
    public Optional<UserDefinedFunction> findByNameSharedLock(String name) {
        return find("lower(name) = lower(?1)", name).withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional();
    }

    /** The function with this id, its row locked for a change or delete. */
    public Optional<UserDefinedFunction> findForUpdate(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** id → name of the given functions. */
    public Map<Long, String> names(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> names = new java.util.HashMap<>();
        getEntityManager().createQuery("select f.id, f.name from UserDefinedFunction f where f.id in ?1", Object[].class)
                .setParameter(1, ids).getResultList().forEach(row -> names.put((Long) row[0], (String) row[1]));
        return names;
    }

    /** Deletes the function if it still has {@code version}; the count of rows deleted (0 or 1). */
    public long deleteAtVersion(long id, long version) {
        return delete("id = ?1 and version = ?2", id, version);
    }
}
