package mind.aiagent.repository;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.aiagent.domain.AiAgent;
import mind.aiagent.domain.AiAgentEnums.Category;
import mind.aiagent.domain.AiAgentEnums.ExecutorType;

@ApplicationScoped
public class AiAgentRepository implements PanacheRepository<AiAgent> {

    public Optional<AiAgent> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public boolean slugExists(String slug) {
        return count("slug", slug) > 0;
    }

    /** {@code base} and every slug starting with {@code base_}: the candidates a suffix could clash with. */
    public Set<String> slugsLike(String base) {
        // '!' escapes LIKE's '_' wildcard; slugs only hold [a-z0-9_], so nothing else needs escaping.
        String prefix = base.replace("_", "!_") + "!_%";
        return new HashSet<>(getEntityManager()
                .createQuery("select a.slug from AiAgent a where a.slug = ?1 or a.slug like ?2 escape '!'", String.class)
                .setParameter(1, base)
                .setParameter(2, prefix)
                .getResultList());
    }

    /**
     * One page of agents. {@code category} null means every category, {@code executorType} null every
     * executor type; with {@code q}, only agents matching it, best rank first (name weighs more than
     * description), otherwise by id. Ties are broken by id so pages are stable.
     */
    @SuppressWarnings("unchecked")
    public List<AiAgent> page(Category category, ExecutorType executorType, String q, int limit, int offset) {
        StringBuilder sql = new StringBuilder("select a.* from ai_agent a where true");
        if (category != null) {
            sql.append(" and a.category = :category");
        }
        if (executorType != null) {
            sql.append(" and a.settings -> 'executor' @> jsonb_build_array(jsonb_build_object('type', cast(:type as text)))");
        }
        if (q != null) {
            sql.append(" and a.search @@ websearch_to_tsquery('simple', :q)")
                    .append(" order by ts_rank(a.search, websearch_to_tsquery('simple', :q)) desc, a.id");
        } else {
            sql.append(" order by a.id");
        }
        sql.append(" limit :limit offset :offset");
        var query = getEntityManager().createNativeQuery(sql.toString(), AiAgent.class)
                .setParameter("limit", limit)
                .setParameter("offset", offset);
        if (category != null) {
            query.setParameter("category", category.name());
        }
        if (executorType != null) {
            query.setParameter("type", executorType.name());
        }
        if (q != null) {
            query.setParameter("q", q);
        }
        return query.getResultList();
    }
}
