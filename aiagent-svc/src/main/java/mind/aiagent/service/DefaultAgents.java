package mind.aiagent.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.domain.AgentSettings;

/**
 * The catalogue of default agents shipped with the service ({@code defaults/ai-agents.json}): useful
 * starting points for an energy/utility customer service, loaded on request by slug.
 */
@Singleton
public class DefaultAgents {

    public static final String RESOURCE = "defaults/ai-agents.json";

    private final Map<String, JsonNode> bySlug;

    public DefaultAgents() {
        this.bySlug = read();
    }

    static Map<String, JsonNode> read() {
        try (InputStream in = DefaultAgents.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the service");
            }
            Map<String, JsonNode> map = new LinkedHashMap<>();
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (JsonNode agent : new ObjectMapper().readTree(in)) {
                // the sample id: stable whatever the order, so that GET /aiAgents/samples/{id} keeps its meaning
                if (!agent.path("id").canConvertToLong() || agent.get("id").asLong() <= 0 || !ids.add(agent.get("id").asLong())) {
                    throw new IllegalStateException(RESOURCE + ": " + agent.path("slug").asText() + " needs a unique positive id");
                }
                // every agent carries the five settings keys, the catalogue's too
                ((ObjectNode) agent).set("settings", AgentSettings.withDefaults(agent.get("settings")));
                map.put(agent.get("slug").asText(), agent);
            }
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every default, in catalogue order. */
    public List<JsonNode> all() {
        return new ArrayList<>(bySlug.values());
    }

    public JsonNode get(String slug) {
        return bySlug.get(slug);
    }

    /** A default by its catalogue id (digits) or its slug, as {@code GET /aiAgents/samples/{id}} names it. */
    public Optional<JsonNode> find(String idOrSlug) {
        if (idOrSlug.matches("\\d{1,18}")) {
            long id = Long.parseLong(idOrSlug);
            return bySlug.values().stream().filter(d -> d.get("id").asLong() == id).findFirst();
        }
        return Optional.ofNullable(bySlug.get(idOrSlug));
    }

    /**
     * A default as a sample: every field of the catalogue entry ({@code id, slug, name, description,
     * intelligence, channels, settings}), {@code channels} {@code ["all"]} and {@code intelligence}
     * rulebased where the entry has none, a copy the caller may change.
     */
    public static ObjectNode sample(JsonNode entry) {
        ObjectNode sample = entry.deepCopy();
        if (!sample.hasNonNull("channels")) sample.putArray("channels").add("all");
        if (!sample.hasNonNull("intelligence")) sample.put("intelligence", "rulebased");
        if (!sample.has("description")) sample.putNull("description");
        return sample;
    }
}
