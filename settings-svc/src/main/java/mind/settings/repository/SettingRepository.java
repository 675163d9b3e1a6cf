package mind.settings.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import mind.settings.domain.StoredSetting;

/**
 * Queries of the settings registry. Native SQL because the rows are JSON documents read and written as
 * text (jsonb casts) and the search ranks with PostgreSQL's full-text functions.
 */
@ApplicationScoped
public class SettingRepository {

    /** A definition row with its JSON columns as text. */
    public record DefinitionRow(String name, String category, String type, String defaultJson, boolean secret,
            List<String> usedBy, String description, String schemaJson) {
    }

    private final EntityManager em;

    public SettingRepository(EntityManager em) {
        this.em = em;
    }

    public List<DefinitionRow> definitions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select name, category, type, default_value::text, secret, used_by, "
                + "description, value_schema::text from setting_definition order by name").getResultList();
        List<DefinitionRow> definitions = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            definitions.add(new DefinitionRow((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                    (Boolean) row[4], usedBy(row[5]), (String) row[6], (String) row[7]));
        }
        return definitions;
    }

    private static List<String> usedBy(Object column) {
        if (column instanceof String[] values) {
            return List.of(values);
        }
        if (column instanceof Object[] values) {
            return Arrays.stream(values).map(String::valueOf).toList();
        }
        return List.of();
    }

    /** Every stored value by name; the table holds at most one row per known setting. */
    public Map<String, StoredSetting> values() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select name, value::text, version from setting_value").getResultList();
        Map<String, StoredSetting> values = new TreeMap<>();
        for (Object[] row : rows) {
            values.put((String) row[0], new StoredSetting((String) row[0], (String) row[1], ((Number) row[2]).longValue()));
        }
        return values;
    }

    public Optional<StoredSetting> value(String name) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select name, value::text, version from setting_value where name = ?1")
                .setParameter(1, name).getResultList();
        return rows.stream().findFirst()
                .map(row -> new StoredSetting((String) row[0], (String) row[1], ((Number) row[2]).longValue()));
    }

    /** Writes a value (JSON text); returns the setting's new version. */
    public long save(String name, String valueJson, Instant at, String by) {
        Object version = em.createNativeQuery("insert into setting_value (name, value, version, updated_at, updated_by) "
                        + "values (?1, cast(?2 as jsonb), 1, ?3, ?4) "
                        + "on conflict (name) do update set value = excluded.value, version = setting_value.version + 1, "
                        + "updated_at = excluded.updated_at, updated_by = excluded.updated_by returning version")
                .setParameter(1, name).setParameter(2, valueJson).setParameter(3, at).setParameter(4, by)
                .getSingleResult();
        return ((Number) version).longValue();
    }

    /**
     * Names of the settings matching a search, best first: PostgreSQL full-text rank over the camelCase-split
     * name, the category and the description, plus a bonus when the name itself is what was typed (with the
     * spaces removed) or starts with it, so {@code last agent routing} puts {@code lastAgentRouting} first.
     *
     * @param tsquery a to_tsquery expression made of sanitized terms only
     * @param compact the query lower-cased with everything but letters and digits removed
     */
    public List<String> search(String tsquery, String compact, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select name, score from ("
                        + "select name, ts_rank(search, q) "
                        + "+ case when lower(name) = ?2 then 10 when lower(name) like ?3 then 5 else 0 end as score "
                        + "from setting_definition, to_tsquery('english', ?1) q "
                        + "where search @@ q or lower(name) like ?3) ranked "
                        + "order by score desc, name limit ?4")
                .setParameter(1, tsquery).setParameter(2, compact).setParameter(3, likePrefix(compact))
                .setParameter(4, limit).getResultList();
        return rows.stream().map(row -> (String) row[0]).toList();
    }

    private static String likePrefix(String compact) {
        // compact holds letters and digits only, so it has no LIKE wildcards to escape
        return compact + "%";
    }
}
