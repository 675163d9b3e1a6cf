package mind.settings.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

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

    /** Deletes the function if it still has {@code version}; the count of rows deleted (0 or 1). */
    public long deleteAtVersion(long id, long version) {
        return delete("id = ?1 and version = ?2", id, version);
    }
}
