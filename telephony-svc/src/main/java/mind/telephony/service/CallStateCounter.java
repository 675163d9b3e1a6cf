package mind.telephony.service;

import jakarta.enterprise.context.ApplicationScoped;

import mind.common.metrics.DomainCounters;
import mind.telephony.domain.QueueStatus;

/**
 * {@code mind.calls.state{state}}: calls entering a routing queue state, counted when the change commits. A new
 * call enters its first state when it is registered; its claim's {@code preProcessing} is not counted. An event
 * that leaves the state as it is (a repeat, a connection to a call already assigned) counts nothing.
 */
@ApplicationScoped
public class CallStateCounter {

    private final DomainCounters counters;

    public CallStateCounter(DomainCounters counters) {
        this.counters = counters;
    }

    /** A call entered {@code state} in the current transaction (at once without one: the change is written). */
    void entered(QueueStatus state) {
        counters.countOnCommit("mind.calls.state", "Calls entering a routing queue state (repeated events that change "
                + "nothing not counted)", "state", state.name());
    }
}
