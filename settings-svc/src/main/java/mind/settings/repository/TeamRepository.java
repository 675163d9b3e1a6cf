package mind.settings.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import mind.settings.domain.Team;

@ApplicationScoped
public class TeamRepository implements PanacheRepository<Team> {

    public static final int MAX_DEPTH = 20;

    public List<Team> all() {
        return listAll(Sort.by("id"));
    }

    /** Ids from the team up to its root (its own id first). */
    public List<Long> idsToRoot(long id) {
        return ParentChains.idsToRoot(getEntityManager(), ParentChains.TEAM, id, MAX_DEPTH);
    }

    /** How many levels lie below the team (0 for a leaf), capped a little above MAX_DEPTH. */
    public int heightBelow(long id) {
        return ParentChains.heightBelow(getEntityManager(), ParentChains.TEAM, id, MAX_DEPTH);
    }

    public boolean hasChildren(long id) {
        return count("parentId", id) > 0;
    }

    public List<Long> existing(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return find("select id from Team where id in ?1", ids).project(Long.class).list();
    }
}
