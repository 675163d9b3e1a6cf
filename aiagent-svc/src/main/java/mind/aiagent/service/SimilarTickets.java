package mind.aiagent.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.api.AiAgentView;
import mind.aiagent.client.TicketGateway;

/**
 * Tickets that resemble an agent: first its example tickets ({@code exampleTicketIds}, in their order,
 * those ticket-svc has and shows the caller), then what ticket-svc's full-text search finds for the
 * agent's detection keywords (as phrases) and the longer words of its name and description, joined with
 * {@code or} in ticket-svc's web-search syntax, ordered by ticket-svc's relevance rank; no ticket twice.
 * Two searches at most, each one call: the examples are read with one {@code t.id in (...)} filter.
 */
@ApplicationScoped
public class SimilarTickets {

    static final int MAX_TERMS = 20;
    static final int MIN_WORD = 5;
    /** The most rows one ticket-svc search answers; an agent holds at most 100 example ids. */
    static final int MAX_SEARCH = 100;

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
        Map<Long, JsonNode> found = new LinkedHashMap<>();
        examples(agent, limit).forEach(t -> found.put(t.path("id").asLong(), t));
        String q = query(agent);
        if (found.size() < limit && !q.isEmpty()) {
            ObjectNode body = mapper.createObjectNode();
            ArrayNode filters = body.putArray("filters");
            filters.addObject().put("key", "q").put("value", q);
            // the examples may be among the matches: ask for as many more as can be dropped as duplicates
            body.put("limit", Math.min(limit + found.size(), MAX_SEARCH)).put("offset", 0)
                    .put("orderByField", "relevance").put("orderByDirection", "desc");
            for (JsonNode t : tickets.search(body).path("tickets")) {
                if (found.size() >= limit) {
                    break;
                }
                found.putIfAbsent(t.path("id").asLong(), t);
            }
        }
        return List.copyOf(found.values());
    }

    /** The agent's example tickets ticket-svc has, in the agent's order, at most {@code limit}. */
    private List<JsonNode> examples(AiAgentView agent, int limit) {
        List<Long> ids = agent.exampleTicketIds() == null ? List.of() : agent.exampleTicketIds();
        if (ids.isEmpty()) {
            return List.of();
        }
        ObjectNode body = mapper.createObjectNode();
        ArrayNode values = body.putArray("filters").addObject().put("key", "t.id").put("comparator", "in").putArray("values");
        ids.forEach(values::add);
        body.put("limit", Math.min(ids.size(), MAX_SEARCH)).put("offset", 0);
        Map<Long, JsonNode> byId = new HashMap<>();
        tickets.search(body).path("tickets").forEach(t -> byId.put(t.path("id").asLong(), t));
        List<JsonNode> out = new ArrayList<>();
        for (Long id : ids) {
            JsonNode t = byId.get(id);
            if (t != null && out.size() < limit) {
                out.add(t);
            }
        }
        return out;
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
