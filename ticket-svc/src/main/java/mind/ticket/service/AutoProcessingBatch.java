package mind.ticket.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import mind.common.error.ApiException;
import mind.ticket.client.Outcome;
import mind.ticket.repository.AutoProcessingRepository.Candidate;
import mind.ticket.service.AutoProcessingRules.Settings;

/**
 * {@code processAutoProcessable}: autoexecute for the tickets {@link AutoProcessing} finds, through the same
 * path as {@code POST /ticket/{id}/autoexecute}. No transaction is held across the batch: the listing is one
 * read, each ticket's run has its own short transactions around the call to aiagent-svc.
 */
@ApplicationScoped
public class AutoProcessingBatch {

    private final AutoProcessing autoProcessing;
    private final AutoexecuteService autoexecute;

    public AutoProcessingBatch(AutoProcessing autoProcessing, AutoexecuteService autoexecute) {
        this.autoProcessing = autoProcessing;
        this.autoexecute = autoexecute;
    }

    /** What came of one ticket: {@code executed}, {@code failed}, {@code skipped} or {@code unavailable}. */
    public record Processed(long ticketId, Long aiAgentId, String result, String code, String error, Outcome outcome) {
    }

    public record Batch(Settings settings, List<Processed> results, boolean stoppedEarly) {
    }

    /**
     * Runs autoexecute, one ticket after the other, for up to {@code limit} tickets that can be auto-processed and
     * whose agent is one of immediateAiAgents. Each ticket is checked again under its row lock before it runs
     * (a batch running at the same time, or a change since the listing, makes it {@code skipped}). When
     * aiagent-svc cannot be reached the batch stops there: that ticket is {@code unavailable} and stays for the
     * next batch.
     *
     * @param idempotencyKey the request's key, or null; each ticket's run passes on a key derived from it
     */
    public Batch process(int limit, String idempotencyKey, String actor) {
        Settings s = autoProcessing.settings();
        if (!s.enabled() || s.immediateAiAgents().isEmpty()) {
            return new Batch(s, List.of(), false);
        }
        List<Candidate> candidates = autoProcessing.candidates(s.immediateAiAgents(), limit);
        List<Processed> results = new ArrayList<>(candidates.size());
        String key = idempotencyKey == null ? null : "processAutoProcessable:" + idempotencyKey;
        for (Candidate c : candidates) {
            Long agent = c.aiAgentIds().isEmpty() ? null : c.aiAgentIds().get(0);
            try {
                AutoexecuteResult r = autoexecute.runAutomatically(c.id(), s, key, actor);
                results.add(new Processed(c.id(), r.aiAgentId(), r.success() ? "executed" : "failed",
                        r.success() ? null : "autoexecute_failed", r.error(), r.outcome()));
            } catch (ApiException e) {
                if (e.status() == 503) {
                    results.add(new Processed(c.id(), agent, "unavailable", e.code(), e.getMessage(), null));
                    return new Batch(s, results, true);
                }
                results.add(new Processed(c.id(), agent, "skipped", e.code(), e.getMessage(), null));
            }
        }
        return new Batch(s, results, false);
    }

}
