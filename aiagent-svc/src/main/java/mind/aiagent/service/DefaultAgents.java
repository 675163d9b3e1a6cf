package mind.aiagent.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            for (JsonNode agent : new ObjectMapper().readTree(in)) {
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
}
