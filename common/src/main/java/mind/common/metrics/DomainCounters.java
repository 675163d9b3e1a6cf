package mind.common.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Domain counters of every service, exported at {@code /q/metrics} (Prometheus names end in
 * {@code _total}): tickets created, claims, calls by state, test runs. A change counts once its
 * transaction commits, so a rolled-back request is not counted; outside a transaction at once.
 *
 * <p>Name counters {@code mind.<things>.<what happened>} ({@code mind.tickets.created}) and keep
 * tag values to small fixed sets (a channel, a state), never ids: each value is its own series.
 * README "Metrics, tracing, logs" lists the counters.
 */
@ApplicationScoped
public class DomainCounters {

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public DomainCounters(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /**
     * Counts one {@code name} event, with tags as key, value pairs, when the current transaction
     * commits (at once without one).
     */
    public void countOnCommit(String name, String description, String... tags) {
        Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
        if (transactions.getTransactionKey() == null) {
            counter.increment();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
