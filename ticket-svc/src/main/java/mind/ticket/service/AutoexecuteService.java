package mind.ticket.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteUnavailableException;
import mind.common.error.ApiException;
import mind.ticket.client.AiAgentGateway;
import mind.ticket.client.Outcome;
import mind.ticket.config.ConversationConfig;

/**
 * {@code POST /ticket/{id}/autoexecute}: checks the refusal rules, runs the agent through
 * aiagent-svc's outcome endpoint (no transaction open meanwhile) and records what came of it. A run
 * that failed (aiagent-svc said so, or refused the request) is a result, answered 207; aiagent-svc
 * unreachable is a 503 with Retry-After, since sending again later may well work.
 */
@ApplicationScoped
public class AutoexecuteService {

    private static final Logger LOG = Logger.getLogger(AutoexecuteService.class);

    private final AutoexecuteLog log;
    private final AiAgentGateway aiAgents;
    private final ConversationConfig config;

    public AutoexecuteService(AutoexecuteLog log, AiAgentGateway aiAgents, ConversationConfig config) {
        this.log = log;
        this.aiAgents = aiAgents;
        this.config = config;
    }

    /**
     * @param idempotencyKey the request's key, or null; passed on (hashed with the ticket id) so that
     *        a replay after a lost answer does not run the agent again
     */
    public AutoexecuteResult run(long ticketId, Long executeAgentId, boolean allowMultipleIntents, boolean allowWithReplies,
            String idempotencyKey, String actor) {
        long agent = log.begin(ticketId, executeAgentId, allowMultipleIntents, allowWithReplies, actor);
        return execute(ticketId, agent, idempotencyKey, actor);
    }

    /**
     * The run of processAutoProcessable: the rules are checked again with the ticket locked (409
     * {@code not_auto_processable} when it no longer passes), then the one detected agent runs exactly as
     * {@link #run} runs it.
     */
    public AutoexecuteResult runAutomatically(long ticketId, AutoProcessingRules.Settings settings, String idempotencyKey,
            String actor) {
        long agent = log.beginAutomatic(ticketId, settings, actor);
        return execute(ticketId, agent, idempotencyKey, actor);
    }

    private AutoexecuteResult execute(long ticketId, long agent, String idempotencyKey, String actor) {
        String key = idempotencyKey == null ? UUID.randomUUID().toString() : derivedKey(ticketId, idempotencyKey);
        Outcome outcome;
        try {
            outcome = aiAgents.outcome(agent, ticketId, key);
        } catch (RemoteRejectedException e) {
            String reason = e.status() == 404 ? "AI agent " + agent + " or the ticket is unknown to aiagent-svc: " + e.getMessage()
                    : "aiagent-svc refused to run AI agent " + agent + ": " + e.getMessage();
            log.failed(ticketId, agent, reason, false, actor);
            return new AutoexecuteResult(ticketId, agent, false, reason, null);
        } catch (RemoteUnavailableException e) {
            throw unavailable(ticketId, agent, e.getMessage(), actor);
        } catch (TimeoutException e) {
            throw unavailable(ticketId, agent, "aiagent-svc did not answer in time", actor);
        } catch (CircuitBreakerOpenException e) {
            throw unavailable(ticketId, agent, "aiagent-svc failed repeatedly; calls to it pause for a few seconds", actor);
        } catch (FaultToleranceException e) {
            throw unavailable(ticketId, agent, "aiagent-svc could not be called", actor);
        }
        if (!outcome.success()) {
            String reason = outcome.error() == null || outcome.error().isBlank() ? "the AI agent's run failed" : outcome.error();
            log.failed(ticketId, agent, reason, false, actor);
            return new AutoexecuteResult(ticketId, agent, false, reason, outcome);
        }
        log.succeeded(ticketId, agent, outcome.customerOutcomeType(), actor);
        return new AutoexecuteResult(ticketId, agent, true, null, outcome);
    }

    private ApiException unavailable(long ticketId, long agent, String reason, String actor) {
        LOG.warnf("autoexecute of ticket %d: %s", ticketId, reason);
        log.failed(ticketId, agent, reason, true, actor);
        // after a timeout the agent may still have run: a retry with the same Idempotency-Key runs it at most once
        return new ApiException(503, "dependency_unavailable", reason + "; try again later with the same Idempotency-Key",
                List.of(), config.retryAfterSeconds());
    }

    /** One key per (ticket, client key), of a length aiagent-svc accepts whatever the client sent. */
    private static String derivedKey(long ticketId, String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((ticketId + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "autoexecute-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
