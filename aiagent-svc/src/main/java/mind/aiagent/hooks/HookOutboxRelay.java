package mind.aiagent.hooks;

import java.time.Clock;

import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import mind.aiagent.config.AiAgentConfig;
import mind.common.db.RelaxedCommit;
import mind.common.hooks.EventHookGateway;
import mind.common.hooks.EventOutboxRelay;
import mind.common.hooks.EventOutboxRepository;

/**
 * aiagent-svc's {@link EventOutboxRelay}: its {@code AiAgentChanged} events, configured by {@code mind.aiagent.hooks.*}.
 * A singleton: the relay keeps no request state, and its base class has no constructor a client proxy could use.
 */
@Singleton
public class HookOutboxRelay extends EventOutboxRelay {

    static final String KEY_PREFIX = "aiagent-event-";

    private final AiAgentConfig config;

    public HookOutboxRelay(EventOutboxRepository rows, EventHookGateway hooks, RelaxedCommit relaxed, AiAgentConfig config,
            Clock clock) {
        super(rows, hooks, relaxed, clock);
        this.config = config;
    }

    @Override
    protected Settings settings() {
        return Settings.of(config.hooks(), config.serviceToken(), "mind.aiagent.service-token", KEY_PREFIX,
                "AI agent changes");
    }

    @Override
    @Scheduled(every = "${mind.aiagent.hooks.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    protected void tick() {
        super.tick();
    }
}
