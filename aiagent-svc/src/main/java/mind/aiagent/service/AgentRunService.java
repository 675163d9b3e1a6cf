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
import mind.aiagent.client.ExecutorGateway;
import mind.aiagent.client.LlmGateway;
import mind.aiagent.client.TicketGateway;
import mind.aiagent.config.AiAgentConfig;
import mind.aiagent.engine.AgentDefinition;
import mind.aiagent.engine.AgentEngine;
import mind.aiagent.engine.LlmSuggestion;
import mind.aiagent.engine.Outcome;
import mind.aiagent.engine.PlannedCall;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteUnavailableException;
import mind.common.error.ApiException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

/**
 * Runs agents on tickets: preview (never writes), dry-run outcome, and applied outcome (writes through
 * ticket-svc only). No transaction is held here: the agent is read on a read-only session before
 * ticket-svc is called.
 *
 * <p>Smart agents first ask the LLM endpoint ({@link LlmGateway}) for parameter values, a response case
 * and a draft, then run through the same engine as rule-based ones, so conditions and texts still
 * decide and the answer has the same shape. When the endpoint cannot be reached, times out or its
 * circuit is open, the request is answered 503 {@code llm_unavailable} with {@code Retry-After}: nothing
 * was decided, and trying again later may work. When it refuses the request (key, model) or answers
 * something unusable, the outcome is {@code success:false} of type {@code llmError} with a message:
 * trying again will not help until the configuration or the agent changes.
 */
@ApplicationScoped
public class AgentRunService {

    static final String LLM_UNAVAILABLE = "llm_unavailable";
    static final int LLM_RETRY_AFTER_SECONDS = 10;
    static final int TICKET_RETRY_AFTER_SECONDS = 5;
    static final String EXECUTOR_UNAVAILABLE = "executor_unavailable";
    static final int EXECUTOR_RETRY_AFTER_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(AgentRunService.class);

    private final AiAgentService agents;
    private final TicketGateway tickets;
    private final LlmGateway llm;
    private final ExecutorGateway executors;
    private final AgentEngine engine;
    private final AiAgentConfig config;
    private final ObjectMapper mapper;

    public AgentRunService(AiAgentService agents, TicketGateway tickets, LlmGateway llm, ExecutorGateway executors,
            AgentEngine engine, AiAgentConfig config, ObjectMapper mapper) {
        this.agents = agents;
        this.tickets = tickets;
        this.llm = llm;
        this.executors = executors;
        this.engine = engine;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * A dry run of {@code body} (an agent, possibly unsaved) or, when the body carries no agent, of the
     * stored agent {@code id}, on ticket {@code ticketId}. {@code origin} is where the caller reached Mind
     * ({@code scheme://host[:port]}): the curl lines of the answer name ticket calls there. The body's
     * {@code message}, {@code subject} and {@code sender} replace the ticket's own ({@link PreviewExtras}).
     */
    public PreviewResponse preview(String id, JsonNode body, long ticketId, String origin) {
        PreviewExtras extras = PreviewExtras.of(body);
        AgentToRun agent = body != null && body.isObject() && (body.has("settings") || body.has("intelligence"))
                ? withStoredSecrets(id, AgentToRun.of(body))
                : AgentToRun.of(agents.load(id));
        JsonNode ticket = extras.overlay(ticket(ticketId));
        List<String> notes = new ArrayList<>();
        if (extras.any()) {
            notes.add(extras.note());
        }
        return response(agent, run(agent, ticket, Map.of(), notes), notes, false, origin);
    }

    /**
     * ticket-svc's autoexecute and quality checks: run the stored agent (by id or slug), and apply unless
     * {@code dryRun}.
     */
    public PreviewResponse outcome(String aiAgentIdOrSlug, long ticketId, JsonNode data, boolean dryRun,
            String idempotencyKey, String origin) {
        AgentToRun agent = AgentToRun.of(agents.load(aiAgentIdOrSlug));
        JsonNode ticket = ticket(ticketId);
        Map<String, Object> given = data == null || !data.isObject() ? Map.of() : mapper.convertValue(data, Map.class);
        List<String> notes = new ArrayList<>();
        Outcome outcome = run(agent, ticket, given, notes);
        if (dryRun || !outcome.success() || outcome.calls().isEmpty()) {
            return response(agent, outcome, notes, false, origin);
        }
        String key = idempotencyKey == null ? null : idempotencyKey.length() > 200 ? idempotencyKey.substring(0, 200)
                : idempotencyKey;
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
        return response(agent, outcome, notes, true, origin);
    }

    private Outcome run(AgentToRun agent, JsonNode ticket, Map<String, Object> given, List<String> notes) {
        boolean smart = "smart".equals(agent.intelligence());
        if (smart && !llm.configured()) {
            return Outcome.failure("This is a smart agent: it needs an LLM endpoint, which is not configured (missing: "
                    + String.join(", ", config.llm().missing()) + ")", Map.of(), "needsLlm");
        }
        for (JsonNode executor : agent.settings().path("executor")) {
            if ("sourceCode".equals(executor.path("type").asText())) {
                if (executors.configured()) {
                    return runSourceCode(agent, executor, ticket, given, notes);
                }
                return Outcome.failure("This agent runs source code (" + executor.path("language").asText() + "), which "
                        + "runs only through an executor endpoint; none is configured (mind.aiagent.executor-url)",
                        Map.of(), "needsExecutor");
            }
        }
        if (!smart) {
            return engine.run(agent.settings(), ticket, given);
        }
        AgentDefinition definition;
        try {
            definition = engine.define(agent.settings());
        } catch (ApiException e) {
            return Outcome.failure("The agent is not valid: " + e.getMessage(), Map.of(), "invalid");
        }
        LlmSuggestion suggestion;
        try {
            String answer = llm.chat(SmartAgentPrompt.messages(agent.name(), agent.description(), agent.settings(),
                    definition, ticket, config.llm().maxTicketChars()), SmartAgentPrompt.format(definition, config.llm().jsonSchema()));
            suggestion = SmartAgentPrompt.parse(answer);
        } catch (RemoteRejectedException e) {
            return Outcome.failure(e.getMessage(), Map.of(), "llmError");
        } catch (SmartAgentPrompt.MalformedAnswer e) {
            LOG.warnf("Smart agent %s: the LLM's answer could not be used: %s", agent.name(), e.getMessage());
            return Outcome.failure("The LLM's answer could not be used: " + e.getMessage(), Map.of(), "llmError");
        } catch (RemoteUnavailableException | FaultToleranceException e) {
            String why = e instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException
                    ? LlmGateway.SERVICE + " failed repeatedly; calls pause for a few seconds"
                    : e instanceof FaultToleranceException ? LlmGateway.SERVICE + " did not answer in time" : e.getMessage();
            throw new ApiException(503, LLM_UNAVAILABLE, "The smart agent could not run: " + why, List.of(),
                    LLM_RETRY_AFTER_SECONDS);
        }
        notes.add("LLM " + llm.modelName() + " proposed " + (suggestion.responseCase() == null ? "no response case"
                : "response case " + suggestion.responseCase()) + " and values for " + suggestion.parameters().keySet());
        return engine.run(agent.settings(), ticket, given, suggestion);
    }

    /**
     * A source-code executor decides instead of the response cases: the engine extracts the parameters (a
     * missing required one ends the run before the executor is asked), the executor endpoint runs the code
     * on them, and its answer is the outcome (see {@link SourceCodeRun}). Neither code nor secrets are logged.
     */
    private Outcome runSourceCode(AgentToRun agent, JsonNode executor, JsonNode ticket, Map<String, Object> given,
            List<String> notes) {
        Outcome extracted = engine.run(agent.settings(), ticket, given);
        if ("missingData".equals(extracted.type()) || "invalid".equals(extracted.type())) {
            return extracted;
        }
        Map<String, Object> data = extracted.data();
        com.fasterxml.jackson.databind.node.ObjectNode secrets = SourceCodeRun.secrets(executor);
        String language = executor.path("language").asText();
        String answer;
        long started = System.nanoTime();
        try {
            answer = executors.run(SourceCodeRun.request(executor, data, ticket, secrets));
        } catch (RemoteRejectedException e) {
            return Outcome.failure(e.getMessage(), data, "error");
        } catch (RemoteUnavailableException | FaultToleranceException e) {
            String why = e instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException
                    ? ExecutorGateway.SERVICE + " failed repeatedly; calls pause for a few seconds"
                    : e instanceof FaultToleranceException ? ExecutorGateway.SERVICE + " did not answer in time" : e.getMessage();
            throw new ApiException(503, EXECUTOR_UNAVAILABLE, "The agent's source code could not run: " + why, List.of(),
                    EXECUTOR_RETRY_AFTER_SECONDS);
        }
        Outcome outcome = SourceCodeRun.outcome(answer, data, ticket, language, SourceCodeRun.values(secrets));
        if (!outcome.success()) {
            LOG.warnf("Agent %s: %s", agent.name(), outcome.error());
        }
        notes.add("executor " + language + " answered in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return outcome;
    }

    /**
     * A preview body is often the agent as GET answered it, its executor secrets masked: where the stored
     * agent {@code id} has a value under the same key, that value is run with.
     */
    private AgentToRun withStoredSecrets(String id, AgentToRun agent) {
        if (!agent.settings().path("executor").isArray() || !agent.settings().toString().contains(
                mind.common.secrets.SecretMask.MASK)) {
            return agent;
        }
        AiAgentView stored;
        try {
            stored = agents.load(id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return agent;
            }
            throw e;
        }
        JsonNode settings = agent.settings().deepCopy();
        ExecutorSecrets.restoreMasked(stored.settings(), settings);
        return new AgentToRun(agent.name(), agent.description(), agent.intelligence(), settings);
    }

    private JsonNode ticket(long ticketId) {
        if (ticketId <= 0) {
            throw ApiException.invalidField("ticketId", "must be a positive ticket id");
        }
        try {
            return tickets.ticket(ticketId).orElseThrow(() -> ApiException.notFound("Ticket not found"));
        } catch (RemoteUnavailableException | FaultToleranceException e) {
            // ticket-svc down, slow or its circuit open: nothing was run, the caller may try again
            throw ApiException.unavailable("The ticket could not be read: " + (e instanceof RemoteUnavailableException
                    ? e.getMessage() : TicketGateway.SERVICE + " did not answer in time"), TICKET_RETRY_AFTER_SECONDS);
        }
    }

    private PreviewResponse response(AgentToRun agent, Outcome o, List<String> notes, boolean executed, String origin) {
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
        String base = config.publicUrl().orElse(origin).replaceAll("/+$", "");
        List<CurlRequest> curls = o.calls().stream().map(c -> curl(base, c, executed && !(c.path().endsWith("/events")
                && config.serviceToken().isEmpty()))).toList();
        return new PreviewResponse(o.success(), o.error(), data, dataInfo, customer, o.type(), customerInfo, curls);
    }

    /**
     * One planned call as the caller could send it: at the address they reached Mind at, never at ticket-svc's
     * address inside the cluster (which the caller cannot reach and need not know).
     */
    private CurlRequest curl(String base, PlannedCall call, boolean executed) {
        String url = base + call.path();
        String body;
        try {
            body = mapper.writeValueAsString(call.body());
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        // the URL carries the caller's Host header: quoted for the shell as the body is
        String curl = "curl -X " + call.method() + " " + shellQuoted(url) + " -H 'Content-Type: application/json' "
                + "-H 'Authorization: Bearer <token>' -d " + shellQuoted(body);
        return new CurlRequest(call.method(), url, call.body(), curl, executed);
    }

    /** {@code text} as one single-quoted shell word: nothing in it is expanded when the line is pasted. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** What running needs of an agent, from a stored one or from a preview body. */
    record AgentToRun(String name, String description, String intelligence, JsonNode settings) {
        static AgentToRun of(AiAgentView view) {
            return new AgentToRun(view.name(), view.description(),
                    view.intelligence() == null ? "rulebased" : view.intelligence().name(),
                    view.settings() == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            : view.settings());
        }

        static AgentToRun of(JsonNode body) {
            JsonNode settings = body.path("settings");
            return new AgentToRun(body.path("name").asText(null), body.path("description").asText(null),
                    body.path("intelligence").asText("rulebased"),
                    settings.isObject() ? settings : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
    }
}
