package mind.settings.repository;

import java.util.List;

import jakarta.persistence.EntityManager;

/**
 * Walks a table whose rows point to a parent row ({@code parent_id}): tags and teams. The table name is
 * one of this class's constants, never text from a request; the walks stop after {@code maxDepth + 1}
 * levels, so a cycle that slipped past the write checks cannot loop.
 */
final class ParentChains {

    static final String TAG = "tag";
    static final String TEAM = "team";

    private ParentChains() {
    }

    /** Ids from the row up to its root (its own id first). */
    static List<Long> idsToRoot(EntityManager em, String table, long id, int maxDepth) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                with recursive chain (id, parent_id, depth) as (
                    select id, parent_id, 0 from %1$s where id = :id
                    union all
                    select t.id, t.parent_id, c.depth + 1 from %1$s t join chain c on t.id = c.parent_id
                    where c.depth < :max)
                select id from chain order by depth""".formatted(table))
                .setParameter("id", id).setParameter("max", maxDepth + 1).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** How many levels lie below the row (0 for a leaf), capped a little above maxDepth. */
    static int heightBelow(EntityManager em, String table, long id, int maxDepth) {
        Number height = (Number) em.createNativeQuery("""
                with recursive sub (id, depth) as (
                    select id, 0 from %1$s where id = :id
                    union all
                    select t.id, s.depth + 1 from %1$s t join sub s on t.parent_id = s.id where s.depth < :max)
                select max(depth) from sub""".formatted(table))
                .setParameter("id", id).setParameter("max", maxDepth + 1).getSingleResult();
        return height == null ? 0 : height.intValue();
    }
}
