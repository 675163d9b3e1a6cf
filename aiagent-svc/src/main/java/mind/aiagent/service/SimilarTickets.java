package mind.aiagent.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.api.AiAgentView;
import mind.aiagent.client.TicketGateway;

/**
 * Tickets that resemble an agent, found by ticket-svc's full-text search: the agent's detection
 * keywords (as phrases) and the longer words of its name and description, joined with {@code or} in
 * ticket-svc's web-search syntax, ordered by ticket-svc's relevance rank.
 */
@ApplicationScoped
public class SimilarTickets {

    static final int MAX_TERMS = 20;
    static final int MIN_WORD = 5;

    private final AiAgentService agents;
    private final TicketGateway tickets;
    private final ObjectMapper mapper;

    public SimilarTickets(AiAgentService agents, TicketGateway tickets, ObjectMapper mapper) {
        this.agents = agents;
        this.tickets = tickets;
        this.mapper = mapper;
    }

    public List<JsonNode> find(String idOrSlug, int limit) {
        AiAgentView agent = agents.load(idOrSlug);
        String q = query(agent);
        if (q.isEmpty()) {
            return List.of();
        }
        ObjectNode body = mapper.createObjectNode();
        ArrayNode filters = body.putArray("filters");
        filters.addObject().put("key", "q").put("value", q);
        body.put("limit", limit).put("offset", 0).put("orderByField", "relevance").put("orderByDirection", "desc");
        JsonNode answer = tickets.search(body);
        List<JsonNode> out = new ArrayList<>();
        answer.path("tickets").forEach(out::add);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** {@code "zählerstand" or "meter reading" or process or ...}, at most {@link #MAX_TERMS} terms. */
    static String query(AiAgentView agent) {
        Set<String> terms = new LinkedHashSet<>();
        JsonNode keywords = agent.settings() == null ? null : agent.settings().path("detectionDetails").path("keywords");
        if (keywords != null) {
            keywords.forEach(k -> {
                String t = clean(k.asText());
                if (!t.isBlank()) terms.add("\"" + t + "\"");
            });
        }
        for (String text : new String[] { agent.name(), agent.description() }) {
            if (text == null) continue;
            for (String word : clean(text).split("\\s+")) {
                if (word.length() >= MIN_WORD) terms.add(word);
            }
        }
        return String.join(" or ", terms.stream().limit(MAX_TERMS).toList());
    }

    /** Letters, digits and spaces only: nothing of the search syntax leaks in from an agent's text. */
    private static String clean(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
