package mind.ticket.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import mind.ticket.repository.AutoProcessingRepository.Candidate;

/**
 * enneo's auto-processing evaluation chain (the ai-agents skill of enneo's codex plugin), as far as this
 * service has the data: an open ticket can be auto-processed when an AI agent was detected on it, it is not
 * spam, its channel is neither chat nor phone, it is inbound, enableAiAutoProcessing is on, exactly one agent
 * was detected, the customer has not replied, and a ticket with a contract has a legitimation of at least 20.
 * Mind adds one rule of its own: no autoexecute since the detection (enneo's intent is then no longer
 * {@code ready}); one that failed because aiagent-svc could not be reached does not count.
 *
 * <p>Unlike enneo, which stops at the first failed rule, every failed rule is reported, in the chain's order.
 * The same rules, bar the setting, filter {@code AutoProcessingRepository.passing}.
 */
public final class AutoProcessingRules {

    /** A rule that failed: a stable name and a sentence for a person. */
    public record Reason(String rule, String message) {
    }

    /** The verdict on one ticket. {@code immediate}: every detected agent is in immediateAiAgents. */
    public record Verdict(long ticketId, boolean autoProcessable, boolean immediate, List<Long> aiAgentIds, List<Reason> reasons) {
    }

    /** The settings the chain reads. */
    public record Settings(boolean enabled, List<Long> immediateAiAgents) {
    }

    /** Rules of enneo's chain this service cannot check, and why; the answers of detect list them. */
    public static final List<Reason> NOT_CHECKED = List.of(
            new Reason("autoExecutableIntent", "enneo runs each detected agent's first phase and requires an option "
                    + "recommended: true whose type a response case with autoExecute: true handles; Mind keeps no "
                    + "intents with those options (detection records only the agents' ids), so a detected agent "
                    + "counts as an auto-executable intent and aiagent-svc decides when it runs"),
            new Reason("autoProcessingDelay", "enneo waits autoProcessingDelay hours after the last message, counted "
                    + "in business hours by SLA; Mind has no business hours, so the delay is not applied"));

    static final Set<String> SPAM = Set.of("auto_spam", "auto_programmatic", "manual_spam");
    static final Set<String> LIVE_CHANNELS = Set.of("chat", "phone");
    static final int MIN_LEGITIMATION = 20;

    private AutoProcessingRules() {
    }

    public static Verdict verdict(Candidate t, Settings settings) {
        List<Reason> reasons = new ArrayList<>();
        List<Long> agents = t.detectionId() == null ? List.of() : t.aiAgentIds();
        if (agents.isEmpty()) {
            reasons.add(new Reason("noAiAgentDetected", "no AI agent was detected on the ticket"));
        }
        if (t.spamStatus() != null && SPAM.contains(t.spamStatus())) {
            reasons.add(new Reason("spam", "the ticket is marked as spam (" + t.spamStatus() + ")"));
        }
        if (LIVE_CHANNELS.contains(t.channel())) {
            reasons.add(new Reason("channel", "the channel is " + t.channel() + "; chat and phone are never auto-processed"));
        }
        if (!"in".equals(t.direction())) {
            reasons.add(new Reason("direction", "the ticket's direction is " + t.direction() + ", not in"));
        }
        if (!settings.enabled()) {
            reasons.add(new Reason("autoProcessingDisabled", "the setting enableAiAutoProcessing is off"));
        }
        if (agents.size() > 1) {
            reasons.add(new Reason("multipleAiAgents", agents.size() + " AI agents were detected " + agents
                    + "; only a ticket with exactly one is auto-processed"));
        }
        if (t.customerReplied()) {
            reasons.add(new Reason("customerReplied", "the customer has replied on the ticket"));
        }
        if (t.contractId() != null && (t.customerLegitimation() == null || t.customerLegitimation() < MIN_LEGITIMATION)) {
            reasons.add(new Reason("customerLegitimation", "the ticket has a contract and a customer legitimation of "
                    + t.customerLegitimation() + "; at least " + MIN_LEGITIMATION + " is needed"));
        }
        if (t.lastRun() != null && !("autoexecuteFailed".equals(t.lastRun()) && t.lastRunRetryable())) {
            reasons.add(new Reason("alreadyAutoExecuted", switch (t.lastRun()) {
                case "autoexecuteRequested" -> "an autoexecute of the detected agent is running";
                case "autoexecuted" -> "the detected agent was auto-executed already";
                default -> "the detected agent's autoexecute failed; a person decides (POST /ticket/{id}/autoexecute runs it again)";
            }));
        }
        boolean immediate = !agents.isEmpty() && settings.immediateAiAgents().containsAll(agents);
        return new Verdict(t.id(), reasons.isEmpty(), immediate, agents, List.copyOf(reasons));
    }
}
