package mind.qualitycheck.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import mind.qualitycheck.config.QualityCheckConfig;
import mind.qualitycheck.repository.TestJobRepository.Lease;

/**
 * The worker's loop outlives a database that is away for a while (a restart, a failover): taking jobs
 * fails a few times, then jobs are due again and they are tested. It once lost its slots on such a
 * failure and then waited forever.
 */
class TestRunWorkerRecoveryTest {

    private static QualityCheckConfig config(int parallelism) {
        QualityCheckConfig.Worker worker = new QualityCheckConfig.Worker() {
            public boolean enabled() {
                return true;
            }

            public int parallelism() {
                return parallelism;
            }

            public Duration pollInterval() {
                return Duration.ofMillis(10);
            }

            public Duration lease() {
                return Duration.ofMinutes(2);
            }

            public int maxAttempts() {
                return 3;
            }

            public Duration retryDelay() {
                return Duration.ofSeconds(10);
            }

            public Optional<String> serviceToken() {
                return Optional.empty();
            }
        };
        return new QualityCheckConfig() {
            public int maxTestCasesPerAgent() {
                return 1000;
            }

            public Worker worker() {
                return worker;
            }

            public Hooks hooks() {
                throw new UnsupportedOperationException("the worker does not relay");
            }
        };
    }

    @Test
    void jobsDueAfterTheDatabaseWasAwayAreStillTested() throws Exception {
        int failures = 5;
        AtomicInteger takes = new AtomicInteger();
        TestJobs jobs = new TestJobs(null, null, null, null, null, null, null) {
            @Override
            public List<Job> take(int max) {
                int n = takes.incrementAndGet();
                if (n <= failures) {
                    throw new IllegalStateException("An I/O error occurred while sending to the backend");
                }
                // then two jobs, once each
                return n == failures + 1 ? List.of(job(1), job(2)).subList(0, Math.min(max, 2)) : List.of();
            }
        };
        CountDownLatch tested = new CountDownLatch(2);
        TestTicketTester tester = new TestTicketTester(null, null, null, null, null, null) {
            @Override
            public boolean test(TestJobs.Job job) {
                tested.countDown();
                return true;
            }
        };
        TestRunWorker worker = new TestRunWorker(jobs, tester, config(2));
        worker.start(null);
        try {
            assertTrue(tested.await(10, TimeUnit.SECONDS), "jobs taken after " + failures + " failed takes were never tested; takes: " + takes);
        } finally {
            worker.stop(null);
        }
    }

    private static TestJobs.Job job(long id) {
        return new TestJobs.Job(new Lease(id, 1, UUID.randomUUID(), 1), id, "agent", 1L);
    }
}
