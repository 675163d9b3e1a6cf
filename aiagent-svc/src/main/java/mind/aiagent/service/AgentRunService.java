package mind.aiagent.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.aiagent.api.AiAgentView;
import mind.aiagent.api.PreviewResponse;
import mind.aiagent.api.PreviewResponse.CurlRequest;
import mind.aiagent.client.TicketGateway;
import mind.aiagent.config.AiAgentConfig;
import mind.aiagent.engine.AgentEngine;
import mind.aiagent.engine.Outcome;
import mind.aiagent.engine.PlannedCall;
import mind.common.error.ApiException;

/**
 * Runs agents on tickets: preview (never writes), dry-run outcome, and applied outcome (writes through
 * ticket-svc only). No transaction is held here: the agent is read on a read-only session before
 * ticket-svc is called.
 */
@ApplicationScoped
public class AgentRunService {

    private final AiAgentService agents;
    private final TicketGateway tickets;
    private final AgentEngine engine;
    private final AiAgentConfig config;
    private final ObjectMapper mapper;
    private final String ticketUrl;

    public AgentRunService(AiAgentService agents, TicketGateway tickets, AgentEngine engine, AiAgentConfig config,
            ObjectMapper mapper, @ConfigProperty(name = "quarkus.rest-client.ticket.url") String ticketUrl) {
        this.agents = agents;
        this.tickets = tickets;
        this.engine = engine;
        this.config = config;
        this.mapper = mapper;
        this.ticketUrl = ticketUrl.replaceAll("/+$", "");
    }

    /**
     * A dry run of {@code body} (an agent, possibly unsaved) or, when the body carries no agent, of the
     * stored agent {@code id}, on ticket {@code ticketId}.
     */
    public PreviewResponse preview(String id, JsonNode body, long ticketId) {
        AgentToRun agent = body != null && body.isObject() && (body.has("settings") || body.has("intelligence"))
                ? AgentToRun.of(body)
                : AgentToRun.of(agents.load(id));
        JsonNode ticket = ticket(ticketId);
        return response(agent, run(agent, ticket, Map.of()), List.of(), false);
    }

    /** ticket-svc's autoexecute and quality checks: run the stored agent, and apply unless {@code dryRun}. */
    public PreviewResponse outcome(long aiAgentId, long ticketId, JsonNode data, boolean dryRun, String idempotencyKey) {
        AgentToRun agent = AgentToRun.of(agents.load(String.valueOf(aiAgentId)));
        JsonNode ticket = ticket(ticketId);
        Map<String, Object> given = data == null || !data.isObject() ? Map.of() : mapper.convertValue(data, Map.class);
        Outcome outcome = run(agent, ticket, given);
        if (dryRun || !outcome.success() || outcome.calls().isEmpty()) {
            return response(agent, outcome, List.of(), false);
        }
        String key = idempotencyKey == null ? null : idempotencyKey.length() > 200 ? idempotencyKey.substring(0, 200)
                : idempotencyKey;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < outcome.calls().size(); i++) {
            PlannedCall call = outcome.calls().get(i);
            String callKey = key == null ? null : key + ":" + i;
            if (call.path().endsWith("/events")) {
                if (config.serviceToken().isEmpty()) {
                    notes.add("activity event skipped: mind.aiagent.service-token is not configured");
                    continue;
                }
                tickets.event(ticketId, call.body(), callKey, config.serviceToken().get());
            } else if (call.path().endsWith("/conversation/reply")) {
                tickets.reply(ticketId, call.body(), callKey);
            } else {
                tickets.patchTicket(ticketId, call.body(), callKey);
            }
        }
        return response(agent, outcome, notes, true);
    }

    private Outcome run(AgentToRun agent, JsonNode ticket, Map<String, Object> given) {
        if ("smart".equals(agent.intelligence())) {
            return Outcome.failure("This is a smart agent: it needs an LLM endpoint (mind.aiagent.llm.url, model and "
                    + "key), which is not configured", Map.of(), "needsLlm");
        }
        for (JsonNode executor : agent.settings().path("executor")) {
            if ("sourceCode".equals(executor.path("type").asText())) {
                return Outcome.failure("This agent runs source code (" + executor.path("language").asText() + "), which "
                        + "runs only through an executor endpoint; none is configured (mind.aiagent.executor-url)",
                        Map.of(), "needsExecutor");
            }
        }
        return engine.run(agent.settings(), ticket, given);
    }

    private JsonNode ticket(long ticketId) {
        if (ticketId <= 0) {
            throw ApiException.invalidField("ticketId", "must be a positive ticket id");
        }
        return tickets.ticket(ticketId).orElseThrow(() -> ApiException.notFound("Ticket not found"));
    }

    private PreviewResponse response(AgentToRun agent, Outcome o, List<String> notes, boolean executed) {
        Map<String, Object> data = new LinkedHashMap<>(o.data());
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("type", o.type());
        customer.put("text", o.text());
        customer.put("missing", o.missing());
        if (o.responseCase() != null) {
            customer.put("responseCaseId", o.responseCase().id());
            customer.put("responseCaseIndex", o.responseCase().index());
            customer.put("autoExecute", o.responseCase().autoExecute());
            customer.put("ticketUpdate", o.responseCase().ticketUpdate());
        }
        String dataInfo = o.dataInfo() + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        String customerInfo = o.responseCase() != null
                ? "Response case " + (o.responseCase().id() == null ? "#" + o.responseCase().index() : o.responseCase().id())
                        + (o.responseCase().description() == null ? "" : ": " + o.responseCase().description())
                : o.error() != null ? o.error() : o.text();
        List<CurlRequest> curls = o.calls().stream().map(c -> curl(c, executed && !(c.path().endsWith("/events")
                && config.serviceToken().isEmpty()))).toList();
        return new PreviewResponse(o.success(), o.error(), data, dataInfo, customer, o.type(), customerInfo, curls);
    }

    private CurlRequest curl(PlannedCall call, boolean executed) {
        String url = ticketUrl + call.path();
        String body;
        try {
            body = mapper.writeValueAsString(call.body());
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        String curl = "curl -X " + call.method() + " '" + url + "' -H 'Content-Type: application/json' "
                + "-H 'Authorization: Bearer <token>' -d '" + body.replace("'", "'\\''") + "'";
        return new CurlRequest(call.method(), url, call.body(), curl, executed);
    }

    /** What running needs of an agent, from a stored one or from a preview body. */
    record AgentToRun(String intelligence, JsonNode settings) {
        static AgentToRun of(AiAgentView view) {
            return new AgentToRun(view.intelligence() == null ? "rulebased" : view.intelligence().name(),
                    view.settings() == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            : view.settings());
        }

        static AgentToRun of(JsonNode body) {
            JsonNode settings = body.path("settings");
            return new AgentToRun(body.path("intelligence").asText("rulebased"),
                    settings.isObject() ? settings : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
    }
}
