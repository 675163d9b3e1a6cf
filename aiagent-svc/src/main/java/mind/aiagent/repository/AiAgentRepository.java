package mind.aiagent.repository;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.aiagent.domain.AiAgent;

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
}
