package mind.qualitycheck.service;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import mind.qualitycheck.config.QualityCheckConfig;

/**
 * Works through the job table in the background: one loop per replica takes as many due jobs as it has
 * free slots ({@code mind.qualitycheck.worker.parallelism}) and tests each on a pool of that many
 * threads; it sleeps {@code poll-interval} when nothing is due, and is woken at once when a run is
 * scheduled here. Other replicas' loops take other jobs (SKIP LOCKED). Jobs live in PostgreSQL, so a
 * restart loses nothing: what was leased by a stopped replica is taken again when its lease ends.
 */
@ApplicationScoped
public class TestRunWorker {

    private static final Logger LOG = Logger.getLogger(TestRunWorker.class);

    private final TestJobs jobs;
    private final TestTicketTester tester;
    private final QualityCheckConfig config;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private Semaphore slots;
    private ExecutorService pool;
    private Thread loop;

    public TestRunWorker(TestJobs jobs, TestTicketTester tester, QualityCheckConfig config) {
        this.jobs = jobs;
        this.tester = tester;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.worker().enabled()) {
            LOG.info("test run worker disabled on this replica (mind.qualitycheck.worker.enabled=false)");
            return;
        }
        int parallelism = config.worker().parallelism();
        slots = new Semaphore(parallelism);
        pool = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().name("test-run-worker-", 0).daemon().factory());
        running.set(true);
        loop = Thread.ofPlatform().name("test-run-poller").daemon().start(this::poll);
    }

    void stop(@Observes ShutdownEvent event) {
        if (!running.getAndSet(false)) {
            return;
        }
        wake.release();
        pool.shutdown();
        try {
            // a test still running past this keeps its lease; another replica retakes it when the lease ends
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    /** Tells the loop that jobs are due now (a run was scheduled), so it does not wait for its next poll. */
    public void wake() {
        wake.release();
    }

    private void poll() {
        while (running.get()) {
            try {
                slots.acquire();
                int free = 1 + slots.drainPermits();
                List<TestJobs.Job> taken;
                try {
                    taken = jobs.take(free);
                } catch (RuntimeException e) {
                    // the slots were not used: without them back the loop would wait forever at acquire()
                    slots.release(free);
                    throw e;
                }
                slots.release(free - taken.size());
                for (TestJobs.Job job : taken) {
                    pool.execute(() -> {
                        try {
                            tester.test(job);
                        } catch (RuntimeException e) {
                            // the lease runs out and the job is taken again
                            LOG.errorf(e, "testing test ticket %d failed unexpectedly", job.lease().testTicketId());
                        } finally {
                            slots.release();
                            wake.release();
                        }
                    });
                }
                if (taken.isEmpty()) {
                    wake.tryAcquire(config.worker().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be briefly away; try again at the next poll
                LOG.warnf("taking test jobs failed: %s", e.getMessage());
                try {
                    wake.tryAcquire(config.worker().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
