package mind.ticket.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.error.ApiException;
import mind.ticket.domain.Ticket;
import mind.ticket.domain.TicketEnums.Status;
import mind.ticket.events.TicketEvents;
import mind.ticket.repository.AutoProcessingRepository;
import mind.ticket.repository.ConversationRepository;
import mind.ticket.repository.DetectedAgentRepository;
import mind.ticket.repository.TicketRepository;

/** The short transactions around an autoexecute run: the refusal rules and the events. */
@ApplicationScoped
public class AutoexecuteLog {

    private final TicketRepository tickets;
    private final ConversationRepository conversations;
    private final DetectedAgentRepository detected;
    private final AutoProcessingRepository autoProcessing;
    private final TicketEvents events;

    public AutoexecuteLog(TicketRepository tickets, ConversationRepository conversations, DetectedAgentRepository detected,
            AutoProcessingRepository autoProcessing, TicketEvents events) {
        this.tickets = tickets;
        this.conversations = conversations;
        this.detected = detected;
        this.autoProcessing = autoProcessing;
        this.events = events;
    }

    /**
     * For processAutoProcessable: locks the ticket, checks the auto-processing rules again under the lock and
     * records {@code autoexecuteRequested}; answers the one detected agent. A ticket that no longer passes, or
     * whose agent is not one of immediateAiAgents, is refused (409 {@code not_auto_processable}). Because the
     * check and the event are written under the row lock, two batches running at once never run one ticket twice:
     * the second finds the first one's event.
     */
    @Transactional
    public long beginAutomatic(long ticketId, AutoProcessingRules.Settings settings, String actor) {
        if (tickets.findForUpdate(ticketId).isEmpty()) {
            throw ApiException.notFound("Ticket " + ticketId + " not found");
        }
        AutoProcessingRules.Verdict verdict = autoProcessing.open(ticketId)
                .map(c -> AutoProcessingRules.verdict(c, settings))
                .orElseThrow(() -> ApiException.conflict("not_auto_processable", "Ticket " + ticketId + " is not open"));
        if (!verdict.autoProcessable()) {
            throw ApiException.conflict("not_auto_processable", verdict.reasons().stream()
                    .map(AutoProcessingRules.Reason::message).collect(java.util.stream.Collectors.joining("; ")));
        }
        if (!verdict.immediate()) {
            throw ApiException.conflict("not_auto_processable", "AI agent " + verdict.aiAgentIds()
                    + " is not in immediateAiAgents; a person triggers it");
        }
        long agent = verdict.aiAgentIds().get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("aiAgentId", agent);
        data.put("allowMultipleIntents", false);
        data.put("allowWithReplies", false);
        data.put("automatic", true);
        events.record(ticketId, "autoexecuteRequested", actor, data);
        return agent;
    }

    /**
     * Applies the refusal rules and records {@code autoexecuteRequested}; answers the agent to run.
     * Rules, in this order: a closed or resolved ticket is refused (409 {@code ticket_closed}); a
     * ticket with customer replies (inbound conversations after its first message) unless
     * {@code allowWithReplies} (409 {@code ticket_has_replies}); several detected agents unless
     * {@code allowMultipleIntents} (409 {@code multiple_intents}); without {@code executeAgentId} the
     * one detected agent runs, and none or several detected is a 400 naming {@code executeAgentId}.
     */
    @Transactional
    public long begin(long ticketId, Long executeAgentId, boolean allowMultipleIntents, boolean allowWithReplies,
            String actor) {
        Ticket ticket = tickets.findByIdOptional(ticketId)
                .orElseThrow(() -> ApiException.notFound("Ticket " + ticketId + " not found"));
        if (ticket.status == Status.closed || ticket.status == Status.resolved) {
            throw ApiException.conflict("ticket_closed", "Ticket " + ticketId + " is " + ticket.status.name()
                    + "; AI agents run only on open tickets");
        }
        if (!allowWithReplies && conversations.countCustomerReplies(ticketId) > 0) {
            throw ApiException.conflict("ticket_has_replies", "The customer has replied on ticket " + ticketId
                    + "; set allowWithReplies=true to run an AI agent all the same");
        }
        List<Long> found = detected.latest(ticketId);
        if (found.size() > 1 && !allowMultipleIntents) {
            throw ApiException.conflict("multiple_intents", found.size() + " AI agents were detected on ticket " + ticketId
                    + " " + found + "; set allowMultipleIntents=true to run one of them all the same");
        }
        long agent;
        if (executeAgentId != null) {
            agent = executeAgentId;
        } else if (found.size() == 1) {
            agent = found.get(0);
        } else {
            throw ApiException.invalidField("executeAgentId", found.isEmpty()
                    ? "no AI agent was detected on the ticket; name the one to execute"
                    : "several AI agents were detected on the ticket; name the one to execute");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("aiAgentId", agent);
        data.put("allowMultipleIntents", allowMultipleIntents);
        data.put("allowWithReplies", allowWithReplies);
        events.record(ticketId, "autoexecuteRequested", actor, data);
        return agent;
    }

    @Transactional
    public void succeeded(long ticketId, long aiAgentId, String customerOutcomeType, String actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("aiAgentId", aiAgentId);
        data.put("customerOutcomeType", customerOutcomeType);
        events.record(ticketId, "autoexecuted", actor, data);
    }

    /**
     * @param retryable the run may well work later (aiagent-svc could not be reached or did not answer); such a
     *        failure leaves the ticket to the next processAutoProcessable, any other waits for a person
     */
    @Transactional
    public void failed(long ticketId, long aiAgentId, String reason, boolean retryable, String actor) {
        events.record(ticketId, "autoexecuteFailed", actor, Map.of("aiAgentId", aiAgentId, "reason", reason,
                "retryable", retryable));
    }
}
