package mind.telephony.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import mind.common.error.ApiException;
import mind.telephony.api.QueueEntryView;
import mind.telephony.api.QueueEntryView.PositionDetails;
import mind.telephony.client.AgentProfile;
import mind.telephony.client.SettingsGateway;
import mind.telephony.config.TelephonyConfig;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;
import mind.telephony.domain.Routing;
import mind.telephony.repository.QueueEntryRepository;

/** {@code getRouting}: a call's place in the queue, and the evaluation of waiting native calls. */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);
    public static final String MAX_WAIT_EXCEEDED = "maxWaitExceeded";
    /** Default handling time while no completed call reported one. */
    static final int DEFAULT_HANDLING_SECONDS = 60;
    static final int HANDLING_SAMPLE = 50;

    /** Decline reasons {@code testQueueStatusResponse=declined} picks from. */
    static final List<String[]> TEST_DECLINES = List.of(
            new String[] { "noAgentsAvailable", "No agent with matching skills is available" },
            new String[] { MAX_WAIT_EXCEEDED, "The caller waited longer than the maximum waiting time" },
            new String[] { "outsideBusinessHours", "The call arrived outside business hours" });

    /** The lookup of a call: exactly one of the three. */
    public record Lookup(Long ticketId, String channelId, Long queueId) {
    }

    private final QueueEntryRepository queue;
    private final SettingsGateway settings;
    private final AcdSettings acd;
    private final CallLifecycle lifecycle;
    private final TelephonyConfig config;
    private final Clock clock;
    private final NativeRouting nativeRouting;

    public RoutingService(QueueEntryRepository queue, SettingsGateway settings, AcdSettings acd, CallLifecycle lifecycle,
            TelephonyConfig config, Clock clock, NativeRouting nativeRouting) {
        this.nativeRouting = nativeRouting;
        this.queue = queue;
        this.settings = settings;
        this.acd = acd;
        this.lifecycle = lifecycle;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The call's entry. A waiting native call is evaluated first: while the ACD is enabled, past the maximum waiting
     * time it is declined ({@value #MAX_WAIT_EXCEEDED}). {@code testStatus} answers that status without routing.
     */
    public QueueEntryView get(Lookup lookup, QueueStatus testStatus, String authorization) {
        return get(lookup, testStatus, false, authorization);
    }

    /**
     * As above; {@code cleanState} first frees agents still holding finished calls. A waiting native call is
     * routed ({@link NativeRouting}) before it is answered, so the answer names the agent it got.
     */
    public QueueEntryView get(Lookup lookup, QueueStatus testStatus, boolean cleanState, String authorization) {
        AcdSettings.Values values = acd.current(authorization);
        if (cleanState) {
            nativeRouting.releaseFinished();
        }
        QueueEntry entry = evaluate(lookup, values);
        Supplier<List<AgentProfile>> profiles = NativeRouting.memo(() -> nativeRouting.profiles(authorization));
        if (testStatus == null && nativeRouting.due(entry, values.ringTimeoutSeconds())) {
            try {
                nativeRouting.route(entry.id, values, profiles);
            } catch (RuntimeException e) {
                // the call keeps waiting; the next poll or routing pass tries again
                LOG.warnf("call %d could not be routed now: %s", entry.id, e.getMessage());
            }
            entry = evaluate(new Lookup(null, null, entry.id), values);
        }
        if (testStatus != null) {
            QueueEntryView real = QueueEntryView.of(entry, testStatus, new PositionDetails(0, List.of(), 0));
            if (testStatus == QueueStatus.declined) {
                String[] reason = TEST_DECLINES.get(ThreadLocalRandom.current().nextInt(TEST_DECLINES.size()));
                return new QueueEntryView(real.id(), real.ticketId(), real.status(), reason[0], reason[1],
                        "testQueueStatusResponse", real.primaryTagId(), real.channel(), real.subchannelId(),
                        real.assignedUserId(), real.assignedUserRawData(), real.createdAt(), real.routedAt(),
                        real.completedAt(), real.updatedAt(), real.positionDetails());
            }
            return real;
        }
        return QueueEntryView.of(entry, entry.status, position(entry, profiles));
    }

    @Transactional
    QueueEntry evaluate(Lookup lookup, AcdSettings.Values values) {
        int maxWaitSeconds = values.maxWaitSeconds();
        QueueEntry entry = queue.find(lookup.channelId(), lookup.ticketId(), lookup.queueId())
                .orElseThrow(() -> ApiException.notFound("No call in the routing queue for "
                        + (lookup.ticketId() != null ? "ticket " + lookup.ticketId()
                                : lookup.channelId() != null ? "channelId " + lookup.channelId() : "queue id " + lookup.queueId())));
        // only while the ACD is enabled: a call waiting while it is off waits for the phone platform's agentConnected
        if (values.enabled() && entry.status == QueueStatus.waitingForAgent && entry.routing == Routing.native_
                && Duration.between(entry.createdAt, clock.instant()).getSeconds() >= maxWaitSeconds) {
            QueueEntry locked = queue.findForUpdate(null, null, entry.id).orElseThrow();
            if (locked.status == QueueStatus.waitingForAgent) {
                lifecycle.decline(locked, MAX_WAIT_EXCEEDED, "No agent took the call within " + maxWaitSeconds + " seconds");
            }
            return locked;
        }
        return entry;
    }

    private PositionDetails position(QueueEntry entry, Supplier<List<AgentProfile>> profiles) {
        if (entry.status != QueueStatus.waitingForAgent) {
            return new PositionDetails(0, List.of(), 0);
        }
        long ahead = positionAhead(entry);
        List<Long> agents;
        try {
            agents = profiles.get().stream()
                    .filter(p -> p.online() && p.hasSkill(entry.primaryTagId))
                    .map(AgentProfile::id)
                    .toList();
        } catch (RuntimeException e) {
            // the position is still worth answering; the agents are unknown for now
            LOG.warnf("agents could not be read from settings-svc: %s", e.getMessage());
            agents = List.of();
        }
        double handling = handlingSeconds();
        int estimate = (int) Math.ceil(handling * (ahead + 1) / Math.max(1, agents.size()));
        return new PositionDetails((int) ahead, agents, estimate);
    }

    @Transactional
    long positionAhead(QueueEntry entry) {
        return queue.waitingAhead(entry);
    }

    @Transactional
    double handlingSeconds() {
        return queue.recentHandlingSeconds(HANDLING_SAMPLE).orElse((double) DEFAULT_HANDLING_SECONDS);
    }

    Instant now() {
        return clock.instant();
    }
}
