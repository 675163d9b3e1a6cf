package mind.settings.repository;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

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

    /**
     * Gives every tag below this one (children, their children, ...) a new version: their fullName is derived
     * from this tag's name and place, so their ETags change with it. Such a tag already loaded in this session
     * (several {@code _tag[ID].field} keys of one {@code POST /settings}) is read again, so a later change of it
     * in the same transaction is checked against the new version, not the old one.
     */
    public void touchDescendants(long id) {
        @SuppressWarnings("unchecked")
        List<Number> touched = getEntityManager().createNativeQuery("""
                with recursive below (id, depth) as (
                    select id, 1 from tag where parent_id = :id
                    union all
                    select t.id, b.depth + 1 from tag t join below b on t.parent_id = b.id where b.depth < :max)
                update tag set version = version + 1 where id in (select id from below) returning id""")
                .setParameter("id", id).setParameter("max", MAX_DEPTH + 1).getResultList();
        Set<Long> ids = touched.stream().map(Number::longValue).collect(Collectors.toSet());
        Session session = getEntityManager().unwrap(Session.class);
        for (Tag loaded : List.copyOf(session.getManagedEntities(Tag.class))) {
            if (ids.contains(loaded.id)) {
                session.refresh(loaded);
            }
        }
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
