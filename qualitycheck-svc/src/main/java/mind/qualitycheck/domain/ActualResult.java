package mind.qualitycheck.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.qualitycheck.client.Outcome;
import mind.qualitycheck.client.TicketRef;

/**
 * Builds the actual TestResult of a test ticket from the ticket (what was detected on it: contract,
 * sentiment, tags, support level) and the agent's dry-run outcome (per agent: parameters, actions,
 * notifications, text, type, sources).
 */
public final class ActualResult {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ActualResult() {
    }

    public static ObjectNode of(String agent, TicketRef ticket, Outcome outcome) {
        ObjectNode result = JSON.objectNode();
        result.set("contractId", ticket.contractId() == null || ticket.contractId().isNull() ? JSON.nullNode()
                : JSON.textNode(ticket.contractId().asText()));
        result.set("inputParameters", JSON.objectNode().set(agent,
                outcome.dataOutcome() != null && outcome.dataOutcome().isObject() ? outcome.dataOutcome() : JSON.objectNode()));
        ArrayNode intents = JSON.arrayNode();
        if (outcome.success()) {
            intents.add(agent);
        }
        result.set("intentDetection", intents);
        result.set("outcomeActions", JSON.objectNode().set(agent, actions(outcome.curlRequests())));
        ArrayNode notifications = JSON.arrayNode();
        addText(notifications, outcome.dataOutcomeInfo());
        addText(notifications, outcome.customerOutcomeInfo());
        result.set("outcomeNotifications", JSON.objectNode().set(agent, notifications));
        result.set("outcomeText", JSON.objectNode().set(agent, text(outcome.customerOutcome())));
        result.set("outcomeType", JSON.objectNode().set(agent,
                outcome.customerOutcomeType() == null ? JSON.nullNode() : JSON.textNode(outcome.customerOutcomeType())));
        result.put("sentiment", ticket.sentiment());
        ArrayNode tags = JSON.arrayNode();
        if (ticket.tags() != null) {
            ticket.tags().forEach(tags::add);
        }
        result.set("tags", tags);
        result.put("aiSupportLevel", ticket.aiSupportLevel());
        JsonNode sources = outcome.customerOutcome() == null ? null : outcome.customerOutcome().get("sources");
        result.set("sources", JSON.objectNode().set(agent, sources != null && sources.isArray() ? sources : JSON.arrayNode()));
        result.put("error", outcome.success() ? null : (outcome.error() == null ? "the AI agent's run failed" : outcome.error()));
        return result;
    }

    /** A failed test: nothing was produced but the error. */
    public static ObjectNode failure(String error) {
        ObjectNode result = JSON.objectNode();
        result.put("error", error);
        return result;
    }

    /** What the agent would have done: a description of each call it would have made. */
    private static ArrayNode actions(JsonNode curlRequests) {
        ArrayNode actions = JSON.arrayNode();
        if (curlRequests == null || !curlRequests.isArray()) {
            return actions;
        }
        for (JsonNode request : curlRequests) {
            if (request.isTextual()) {
                actions.add(request.asText());
            } else if (request.isObject()) {
                JsonNode named = request.hasNonNull("description") ? request.get("description") : request.get("name");
                if (named != null && named.isTextual()) {
                    actions.add(named.asText());
                } else {
                    actions.add((request.path("method").asText("") + " " + target(request.path("url").asText(""))).strip());
                }
            }
        }
        return actions;
    }

    /**
     * A call to Mind's own API by its path alone ({@code /api/mind/ticket/77}): aiagent-svc names such calls at the
     * address its caller used, which differs between deployments and between a preview and a worker's run, and an
     * accepted expectation must keep matching. A call elsewhere (an ERP) keeps its whole URL.
     */
    static String target(String url) {
        int path = url.indexOf(MIND_API);
        return path > 0 && url.regionMatches(0, "http", 0, 4) && url.indexOf('/', url.indexOf("://") + 3) == path
                ? url.substring(path) : url;
    }

    private static final String MIND_API = "/api/mind/";

    private static JsonNode text(JsonNode customerOutcome) {
        if (customerOutcome == null) {
            return JSON.nullNode();
        }
        if (customerOutcome.isTextual()) {
            return customerOutcome;
        }
        for (String name : new String[] { "text", "message", "body" }) {
            JsonNode value = customerOutcome.get(name);
            if (value != null && value.isTextual()) {
                return value;
            }
        }
        return JSON.nullNode();
    }

    private static void addText(ArrayNode list, String text) {
        if (text != null && !text.isBlank()) {
            list.add(text);
        }
    }
}
