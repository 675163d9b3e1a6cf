package mind.telephony.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import mind.common.client.RemoteUnavailableException;
import mind.telephony.client.AgentProfile;
import mind.telephony.client.SettingsGateway;
import mind.telephony.config.RoutingConfig;
import mind.telephony.config.TelephonyConfig;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;
import mind.telephony.domain.Routing;
import mind.telephony.repository.AgentStateRepository;
import mind.telephony.repository.AgentStateRepository.AgentRow;
import mind.telephony.repository.QueueEntryRepository;
import mind.telephony.repository.WaitingCallRepository;
import mind.telephony.repository.WaitingCallRepository.DueCall;

/**
 * Native routing: gives a waiting native call the longest-idle available agent whose skills hold the
 * call's primary tag. It runs in getRouting for the call asked about and in a pass every
 * {@code mind.telephony.routing.every} on each replica (oldest calls first), both the same way:
 * <ol>
 * <li>candidates from settings-svc: status available, callRoutingStatus idle, skill = primaryTagId (every
 * agent when the call has none); ordered by {@code agent_state.last_call_ended_at}, agents without a call so
 * far first, then by id;</li>
 * <li>the agent is taken in this schema first (a conditional upsert of its {@code agent_state} row, in a
 * short transaction with the call's row locked): one agent, one call, across replicas;</li>
 * <li>then reserved in settings-svc ({@code callRoutingStatus: reserved, ifCurrent: idle}), with no
 * transaction open; a 409 means the agent was taken elsewhere (went on a break, an external router):
 * released here, next candidate;</li>
 * <li>the call becomes {@code assigned} to the agent (activity {@code callRouted}).</li>
 * </ol>
 * A call the agent does not answer (no agentConnected) within acdRingTimeoutSeconds goes back to waiting and
 * is offered to the next agent; the agent who let it ring goes to the back of the idle order.
 * Older calls for the same tag are served first: a call waits while at least as many older calls without
 * an agent wait as there are free candidates.
 */
@ApplicationScoped
public class NativeRouting {

    private static final Logger LOG = Logger.getLogger(NativeRouting.class);

    private final QueueEntryRepository queue;
    private final WaitingCallRepository waiting;
    private final AgentStateRepository agents;
    private final SettingsGateway settings;
    private final CallLifecycle lifecycle;
    private final AcdSettings acd;
    private final TelephonyConfig config;
    private final RoutingConfig routing;
    private final Clock clock;

    public NativeRouting(QueueEntryRepository queue, WaitingCallRepository waiting, AgentStateRepository agents,
            SettingsGateway settings, CallLifecycle lifecycle, AcdSettings acd, TelephonyConfig config,
            RoutingConfig routing, Clock clock) {
        this.queue = queue;
        this.waiting = waiting;
        this.agents = agents;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.acd = acd;
        this.config = config;
        this.routing = routing;
        this.clock = clock;
    }

    /**
     * The routing pass of this replica while the ACD is enabled: declines calls past the maximum waiting time, then
     * routes waiting calls. While it is disabled the pass does nothing.
     */
    @Scheduled(every = "${mind.telephony.routing.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void pass() {
        AcdSettings.Values values = acd.current(null);
        if (!values.enabled()) {
            // calls waiting while the ACD is off wait for the phone platform's agentConnected: nobody routes them
            // here, so there is no maximum waiting time to hold against them either
            return;
        }
        declineExpired(values.maxWaitSeconds());
        Instant unanswered = clock.instant().minusSeconds(values.ringTimeoutSeconds());
        List<DueCall> calls = QuarkusTransaction.requiringNew().call(() -> waiting.oldestFirst(unanswered, routing.batch()));
        if (calls.isEmpty()) {
            return;
        }
        Supplier<List<AgentProfile>> profiles = memo(() -> profiles(null));
        // With every agent in a call (a full queue's usual state) the waiting calls are not looked at one by one:
        // two transactions per waiting call and pass for nothing. Calls rung unanswered too long still are.
        Supplier<Boolean> anyAgent = memo(() -> QuarkusTransaction.requiringNew().call(() -> waiting.anyMayTakeACall(
                profiles.get().stream().filter(AgentProfile::availableForCalls).map(AgentProfile::id).toList())));
        for (DueCall call : calls) {
            try {
                if (call.waiting() && !anyAgent.get()) {
                    continue;
                }
                route(call.id(), values, profiles);
            } catch (RuntimeException e) {
                // settings-svc down or the like: the next pass tries again
                LOG.warnf("routing pass stopped at call %d: %s", call.id(), e.getMessage());
                return;
            }
        }
    }

    /**
     * Declines waiting native calls registered {@code maxWaitSeconds} ago or earlier with
     * {@value RoutingService#MAX_WAIT_EXCEEDED}; answers how many.
     */
    public int declineExpired(int maxWaitSeconds) {
        Instant cutoff = clock.instant().minusSeconds(maxWaitSeconds);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<QueueEntry> expired = waiting.expiredForUpdate(cutoff, routing.batch());
            for (QueueEntry e : expired) {
                lifecycle.decline(e, RoutingService.MAX_WAIT_EXCEEDED,
                        "No agent took the call within " + maxWaitSeconds + " seconds");
            }
            return expired.size();
        });
    }

    /**
     * Tries to give the call an agent; answers the agent it was given to (empty: it keeps waiting, or it is
     * not a waiting native call). Reads profiles through {@code profiles} only when there is a call to route.
     */
    public Optional<Long> route(long entryId, AcdSettings.Values values, Supplier<List<AgentProfile>> profiles) {
        if (!values.enabled()) {
            return Optional.empty();
        }
        Optional<Long> tag = QuarkusTransaction.requiringNew().call(() -> prepare(entryId, values));
        if (tag == null) {
            return Optional.empty();
        }
        Long primaryTagId = tag.orElse(null);
        List<AgentProfile> matching = profiles.get().stream()
                .filter(p -> p.availableForCalls() && p.hasSkill(primaryTagId))
                .toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        List<Long> order = QuarkusTransaction.requiringNew().call(() -> longestIdleFirst(entryId, primaryTagId, matching));
        for (long userId : order) {
            Instant takenAt = QuarkusTransaction.requiringNew().call(() -> take(entryId, userId));
            if (takenAt == null) {
                continue; // held by another call, or the call is no longer waiting / being routed
            }
            if (takenAt.equals(Instant.MIN)) {
                return Optional.empty();
            }
            if (!reserve(entryId, userId, takenAt)) {
                QuarkusTransaction.requiringNew().run(() -> agents.release(userId, entryId));
                continue;
            }
            boolean assigned = QuarkusTransaction.requiringNew().call(() -> assign(entryId, userId));
            return assigned ? Optional.of(userId) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Locks the call; null when it is not a waiting native call or another request is routing it right now.
     * Fills in the primary tag from the ACD queue serving the call's subchannel (its first skill) when the
     * call has none. Releases a reservation left by a replica that died halfway.
     */
    Optional<Long> prepare(long entryId, AcdSettings.Values values) {
        QueueEntry e = queue.findForUpdate(null, null, entryId).orElse(null);
        if (e != null && unanswered(e, values.ringTimeoutSeconds())) {
            // the reserved agent did not answer within acdRingTimeoutSeconds: offered to the next one
            lifecycle.ringTimedOut(e);
        }
        if (e == null || e.routing != Routing.native_ || e.status != QueueStatus.waitingForAgent) {
            return null;
        }
        JsonNode acdQueues = values.queues();
        Optional<AgentRow> holder = agents.holderOf(entryId);
        if (holder.isPresent()) {
            AgentRow h = holder.get();
            if (h.reservedAt() != null && h.reservedAt().plus(routing.staleReservation()).isAfter(clock.instant())) {
                return null;
            }
            LOG.infof("releasing agent %d, reserved for waiting call %d by a request that did not finish", h.userId(), entryId);
            lifecycle.unreserve(e, h.userId());
        }
        if (e.primaryTagId == null && e.subchannelId != null) {
            e.primaryTagId = queueSkill(acdQueues, e.subchannelId);
        }
        return Optional.ofNullable(e.primaryTagId);
    }

    /** Routed by us (native), not connected, and the agent's phone has rung for the ring timeout. */
    boolean unanswered(QueueEntry e, int ringTimeoutSeconds) {
        return e.routing == Routing.native_ && e.status == QueueStatus.assigned && e.connectedAt == null
                && e.assignedUserId != null && e.routedAt != null
                && !e.routedAt.plusSeconds(ringTimeoutSeconds).isAfter(clock.instant());
    }

    /** Whether getRouting should run routing for this call: waiting, or rung unanswered too long. */
    public boolean due(QueueEntry e, int ringTimeoutSeconds) {
        return e.routing == Routing.native_ && (e.status == QueueStatus.waitingForAgent || unanswered(e, ringTimeoutSeconds));
    }

    /** The matching agents free in this schema, longest idle first; empty while older calls take them all. */
    List<Long> longestIdleFirst(long entryId, Long primaryTagId, List<AgentProfile> matching) {
        List<Long> ids = matching.stream().map(AgentProfile::id).toList();
        // Every matching agent busy (a full queue's usual state): nothing to count. The count reads every
        // older waiting call, so counting for each waiting call of a pass grew with the square of the queue.
        if (free(ids, agents.of(ids)).isEmpty()) {
            return List.of();
        }
        // Counted before the agents are read again: older calls taking agents in between only make the count
        // too high (this call waits one more round), never too low (this call taking an agent an older one needs).
        long older = waiting.olderWaitingWithoutAgent(entryId, primaryTagId);
        List<Long> free = free(ids, agents.of(ids));
        return older >= free.size() ? List.of() : free;
    }

    /** The agents holding no call, longest idle first. */
    private static List<Long> free(List<Long> ids, Map<Long, AgentRow> rows) {
        return ids.stream()
                .filter(id -> rows.get(id) == null || rows.get(id).currentEntryId() == null)
                .sorted(Comparator.comparing((Long id) -> rows.get(id) == null ? null : rows.get(id).lastCallEndedAt(),
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * Takes the agent for the call in this schema: answers when (the reservation's time), null when the agent
     * holds another call, {@link Instant#MIN} when the call is no longer waiting or another request routes it.
     */
    Instant take(long entryId, long userId) {
        QueueEntry e = queue.findForUpdate(null, null, entryId).orElse(null);
        if (e == null || e.status != QueueStatus.waitingForAgent || agents.holderOf(entryId).isPresent()) {
            return Instant.MIN;
        }
        if (!agents.take(userId, entryId)) {
            return null;
        }
        return agents.holderOf(entryId).map(AgentRow::reservedAt).orElse(Instant.MIN);
    }

    /** settings-svc: reserved if still idle; false when the agent's status changed (409) and the next one is due. */
    boolean reserve(long entryId, long userId, Instant takenAt) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("callRoutingStatus", "reserved");
        body.put("ifCurrent", "idle");
        String key = "telephony-route-" + entryId + "-" + userId + "-" + takenAt.toEpochMilli();
        try {
            settings.routingStatus(userId, serviceAuthorization(null), key, body);
            return true;
        } catch (RemoteUnavailableException e) {
            if (e.status() == 409) {
                return false;
            }
            release(entryId, userId);
            throw e;
        } catch (RuntimeException e) {
            release(entryId, userId);
            throw e;
        }
    }

    /** Records the assignment; when the call ended meanwhile, gives the agent back. */
    boolean assign(long entryId, long userId) {
        QueueEntry e = queue.findForUpdate(null, null, entryId).orElseThrow();
        if (e.status == QueueStatus.waitingForAgent) {
            lifecycle.routed(e, userId);
            return true;
        }
        lifecycle.unreserve(e, userId);
        return false;
    }

    /** The settings-svc profiles, with the service token (else the caller's). */
    public List<AgentProfile> profiles(String callerAuthorization) {
        return settings.profiles(serviceAuthorization(callerAuthorization));
    }

    /** Frees agents still holding calls that are completed or declined (getRouting's cleanState). */
    public int releaseFinished() {
        return QuarkusTransaction.requiringNew().call(agents::releaseFinished);
    }

    private void release(long entryId, long userId) {
        QuarkusTransaction.requiringNew().run(() -> agents.release(userId, entryId));
    }

    private String serviceAuthorization(String callerAuthorization) {
        return config.serviceToken().map(t -> "Bearer " + t).orElse(callerAuthorization);
    }

    /** The first skill of the ACD queue serving this subchannel, if one does. */
    static Long queueSkill(JsonNode acdQueues, long subchannelId) {
        if (acdQueues == null || !acdQueues.isArray()) {
            return null;
        }
        for (JsonNode q : acdQueues) {
            for (JsonNode sub : q.path("subchannelIds")) {
                if (sub.canConvertToLong() && sub.asLong() == subchannelId) {
                    JsonNode skills = q.path("skills");
                    return skills.isArray() && !skills.isEmpty() && skills.get(0).canConvertToLong() ? skills.get(0).asLong() : null;
                }
            }
        }
        return null;
    }

    /** Reads once, when first asked (one profile listing per routing pass). */
    public static <T> Supplier<T> memo(Supplier<T> reader) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = reader.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
