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
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery("""
                with recursive chain (id, parent_id, depth) as (
                    select id, parent_id, 0 from team where id = :id
                    union all
                    select t.id, t.parent_id, c.depth + 1 from team t join chain c on t.id = c.parent_id
                    where c.depth < :max)
                select id from chain order by depth""")
                .setParameter("id", id).setParameter("max", MAX_DEPTH + 1).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    public int heightBelow(long id) {
        Number height = (Number) getEntityManager().createNativeQuery("""
                with recursive sub (id, depth) as (
                    select id, 0 from team where id = :id
                    union all
                    select t.id, s.depth + 1 from team t join sub s on t.parent_id = s.id where s.depth < :max)
                select max(depth) from sub""")
                .setParameter("id", id).setParameter("max", MAX_DEPTH + 1).getSingleResult();
        return height == null ? 0 : height.intValue();
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
