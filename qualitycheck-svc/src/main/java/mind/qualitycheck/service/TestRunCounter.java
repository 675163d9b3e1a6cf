package mind.qualitycheck.service;

import jakarta.enterprise.context.ApplicationScoped;

import mind.common.metrics.DomainCounters;
import mind.qualitycheck.domain.TestRunState;

/**
 * {@code mind.testruns.started} and {@code mind.testruns.finished{state}}: test runs scheduled, and runs reaching a
 * final state (completed or failed by the worker, stopped on request), each counted when its transaction commits.
 */
@ApplicationScoped
public class TestRunCounter {

    private final DomainCounters counters;

    public TestRunCounter(DomainCounters counters) {
        this.counters = counters;
    }

    void started() {
        counters.countOnCommit("mind.testruns.started", "Test runs scheduled");
    }

    void finished(TestRunState state) {
        counters.countOnCommit("mind.testruns.finished", "Test runs finished, by final state (completed, failed, stopped)",
                "state", state.name());
    }
}
