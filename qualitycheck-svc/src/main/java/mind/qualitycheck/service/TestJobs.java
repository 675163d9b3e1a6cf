package mind.qualitycheck.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import mind.qualitycheck.config.QualityCheckConfig;
import mind.qualitycheck.hooks.QualityHookEvents;
import mind.qualitycheck.domain.Scoring;
import mind.qualitycheck.domain.TestRun;
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.domain.TestTicket;
import mind.qualitycheck.domain.TestTicketState;
import mind.qualitycheck.repository.TestJobRepository;
import mind.qualitycheck.repository.TestJobRepository.Lease;
import mind.qualitycheck.repository.TestRunRepository;
import mind.qualitycheck.repository.TestTicketRepository;

/**
 * The worker's transactions, each short and holding no connection while another service is called:
 * take jobs, record a result, give a job back for a later try.
 */
@ApplicationScoped
public class TestJobs {

    /** A taken job with what testing it needs. */
    public record Job(Lease lease, long ticketId, String aiAgentId, Long aiAgentRef) {
    }

    private final TestJobRepository jobs;
    private final TestTicketRepository tickets;
    private final TestRunRepository runs;
    private final QualityCheckConfig config;
    private final TestRunCounter counter;
    private final QualityHookEvents hookEvents;
    private final Clock clock;

    public TestJobs(TestJobRepository jobs, TestTicketRepository tickets, TestRunRepository runs,
            QualityCheckConfig config, TestRunCounter counter, QualityHookEvents hookEvents, Clock clock) {
        this.hookEvents = hookEvents;
        this.jobs = jobs;
        this.tickets = tickets;
        this.runs = runs;
        this.config = config;
        this.counter = counter;
        this.clock = clock;
    }

    /**
     * Takes up to {@code max} due jobs for this worker, leased for {@code mind.qualitycheck.worker.lease};
     * their test tickets become processing, and so does a run that was still scheduled.
     */
    @Transactional
    public List<Job> take(int max) {
        if (max <= 0) {
            return List.of();
        }
        Instant now = Instant.now(clock);
        List<Job> taken = new ArrayList<>();
        for (Lease lease : jobs.take(max, now, now.plus(config.worker().lease()))) {
            TestTicket t = tickets.findById(lease.testTicketId());
            t.state = TestTicketState.processing;
            // a conditional update rather than a loaded run: other takers and recorders change the run meanwhile
            runs.startProcessing(lease.testRunId());
            taken.add(new Job(lease, t.ticketId, t.aiAgentId, runs.aiAgentRef(lease.testRunId())));
        }
        return taken;
    }

    /**
     * Records the test ticket's result and counts it on its run, once: when the lease was lost (the run
     * was stopped or deleted, or the lease ran out and another worker took the job) nothing is written.
     * The last ticket of a run finishes it: completed, or failed when every ticket failed. A recorded result is a
     * {@code TestTicketAiQuality} event for settings-svc's hooks, in the same transaction.
     *
     * @param error null for a test that ran; otherwise why it could not run (the ticket fails)
     * @return whether the result was recorded
     */
    @Transactional
    public boolean record(Lease lease, JsonNode actual, JsonNode raw, String error) {
        if (!jobs.finish(lease)) {
            return false;
        }
        TestTicket t = tickets.findById(lease.testTicketId());
        t.actualResult = actual;
        t.rawResult = raw;
        t.error = error;
        t.testedAt = Instant.now(clock);
        t.state = error == null ? TestTicketState.completed : TestTicketState.failed;
        t.successful = error == null && Scoring.successful(t.expectedResult, actual);
        hookEvents.tested(t, t.testedAt);
        TestRun run = runs.lockedById(lease.testRunId());
        run.ticketsTested++;
        if (t.successful) {
            run.successfulTests++;
        }
        if (run.ticketsTested >= run.ticketsScheduledForTesting && !run.state.isFinished()) {
            tickets.flush();
            boolean allFailed = tickets.count("testRunId = ?1 and state = ?2", run.id, TestTicketState.failed)
                    == run.ticketsScheduledForTesting;
            run.state = allFailed ? TestRunState.failed : TestRunState.completed;
            run.endDate = Instant.now(clock);
            counter.finished(run.state);
        }
        return true;
    }

    /**
     * A dependency was not available: the job is due again after {@code retry-delay}, or, at its last
     * attempt, the ticket fails with {@code reason}.
     *
     * @return whether anything was written (false when the lease was lost)
     */
    @Transactional
    public boolean retryLater(Lease lease, String reason) {
        if (lease.attempt() >= config.worker().maxAttempts()) {
            return record(lease, mind.qualitycheck.domain.ActualResult.failure(reason), null, reason);
        }
        TestTicket t = tickets.findById(lease.testTicketId());
        if (!jobs.release(lease, Instant.now(clock).plus(config.worker().retryDelay()))) {
            return false;
        }
        t.state = TestTicketState.scheduled;
        t.error = reason;
        return true;
    }
}
