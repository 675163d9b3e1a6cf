package mind.settings.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import mind.settings.domain.Tag;

@ApplicationScoped
public class TagRepository implements PanacheRepository<Tag> {

    /** Deeper chains than this are refused on write, so reads never walk further. */
    public static final int MAX_DEPTH = 20;

    /**
     * Every tag in id order. Lists and trees need each tag's ancestors for fullName whatever the
     * filter, and a client's tags number in the hundreds, so one query for all is the cheapest way.
     */
    public List<Tag> all() {
        return listAll(Sort.by("id"));
    }

    /** Names from the root down to the tag itself (the tag's own name last); empty for an unknown id. */
    @SuppressWarnings("unchecked")
    public List<String> namesFromRoot(long id) {
        return getEntityManager().createNativeQuery("""
                with recursive chain (id, parent_id, name, depth) as (
                    select id, parent_id, name, 0 from tag where id = :id
                    union all
                    select t.id, t.parent_id, t.name, c.depth + 1 from tag t join chain c on t.id = c.parent_id
                    where c.depth < :max)
                select name from chain order by depth desc""")
                .setParameter("id", id).setParameter("max", MAX_DEPTH + 1).getResultList();
    }

    /** Ids from the tag up to its root (its own id first). */
    public List<Long> idsToRoot(long id) {
        return ParentChains.idsToRoot(getEntityManager(), ParentChains.TAG, id, MAX_DEPTH);
    }

    /** How many levels lie below the tag (0 for a leaf), capped a little above MAX_DEPTH. */
    public int heightBelow(long id) {
        return ParentChains.heightBelow(getEntityManager(), ParentChains.TAG, id, MAX_DEPTH);
    }

    public boolean hasChildren(long id) {
        return count("parentId", id) > 0;
    }

    /** Which of these ids name existing tags. */
    public List<Long> existing(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return find("select id from Tag where id in ?1", ids).project(Long.class).list();
    }
}
