package mind.qualitycheck.hooks;

import java.time.Clock;

import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import mind.common.db.RelaxedCommit;
import mind.common.hooks.EventHookGateway;
import mind.common.hooks.EventOutboxRelay;
import mind.common.hooks.EventOutboxRepository;
import mind.qualitycheck.config.QualityCheckConfig;

/**
 * qualitycheck-svc's {@link EventOutboxRelay}: its {@code TestTicketAiQuality} events, configured by
 * {@code mind.qualitycheck.hooks.*}, sent with the worker's service token ({@code mind.qualitycheck.worker.service-token},
 * serviceWorker). A singleton: the relay keeps no request state, and its base class has no constructor a client proxy
 * could use.
 */
@Singleton
public class QualityHookRelay extends EventOutboxRelay {

    static final String KEY_PREFIX = "qualitycheck-event-";

    private final QualityCheckConfig config;

    public QualityHookRelay(EventOutboxRepository rows, EventHookGateway hooks, RelaxedCommit relaxed,
            QualityCheckConfig config, Clock clock) {
        super(rows, hooks, relaxed, clock);
        this.config = config;
    }

    @Override
    protected Settings settings() {
        return Settings.of(config.hooks(), config.worker().serviceToken(), "mind.qualitycheck.worker.service-token",
                KEY_PREFIX, "quality check results");
    }

    @Override
    @Scheduled(every = "${mind.qualitycheck.hooks.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    protected void tick() {
        super.tick();
    }
}
