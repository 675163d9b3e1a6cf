package mind.telephony.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.telephony.client.CreatedTicket;
import mind.telephony.domain.CallDirection;
import mind.telephony.domain.OutboxKind;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;
import mind.telephony.domain.Routing;
import mind.telephony.domain.TranscriptLine;
import mind.telephony.outbox.Outbox;
import mind.telephony.repository.AgentStateRepository;
import mind.telephony.repository.QueueEntryRepository;

/**
 * The call state machine after registration. States only move forward (waiting → assigned → completed;
 * declined ends routing, a declined call may still complete); a repeated or late event converges on
 * the same result instead of failing; an event that contradicts the state (another agent for a call
 * already connected, a connection to a declined call) is a 409 naming the current state. Every
 * transition goes to the ticket's activity and the agent's routing status through the outbox, in the
 * transaction of the change.
 */
@ApplicationScoped
public class CallLifecycle {

    public static final String INVALID_STATE = "invalid_call_state";
    /** An event whose ticketId and channelId name two different calls. */
    public static final String CALL_MISMATCH = "call_mismatch";

    /** What a call completion reports. */
    public record Completion(List<TranscriptLine> transcript, Integer duration, Integer totalDurationSeconds,
            Integer botDurationSeconds, Integer queueDurationSeconds, Integer humanDurationSeconds) {
    }

    private final QueueEntryRepository queue;
    private final Outbox outbox;
    private final Clock clock;
    private final AgentStateRepository agents;
    private final CallStateCounter states;
    private final AdvisoryLocks locks;

    public CallLifecycle(QueueEntryRepository queue, Outbox outbox, Clock clock, AgentStateRepository agents,
            CallStateCounter states, AdvisoryLocks locks) {
        this.locks = locks;
        this.queue = queue;
        this.outbox = outbox;
        this.clock = clock;
        this.agents = agents;
        this.states = states;
    }

    /**
     * No call was received for the ticket an event named by ticketId. Thrown before anything is written; should
     * ticket-svc have the ticket, the event is sent again with it ({@link CallEvents}) and the call is made for it.
     */
    public static final class NoCallForTicket extends ApiException {

        NoCallForTicket(long ticketId) {
            super(404, "not_found", "No call was received for ticket " + ticketId);
        }
    }

    /**
     * Connects the agent to the call; answers whether this request changed anything (false: a repeat).
     *
     * @param ticket the ticket named by ticketId as ticket-svc has it, when no call was received for it: the call is
     *        made for that ticket; null: such an event is {@link NoCallForTicket}
     */
    @Transactional
    public boolean agentConnected(long userId, String channelId, Long ticketId, CreatedTicket ticket) {
        return connect(locked(channelId, ticketId, ticket), userId);
    }

    /**
     * Connects the agent a call arrived with (callReceived's {@code userId}, an outbound call's {@code agentId}):
     * exactly what {@link #agentConnected} does for that agent, and only once. Nothing happens when the call is
     * connected already (a repeated callReceived, or agentConnected came first), when it is no longer assigned to
     * that agent (another agent was connected meanwhile), or when the assignment is native routing's reservation.
     * Answers whether this request changed anything.
     */
    @Transactional
    public boolean connectOnArrival(long queueId, long userId) {
        QueueEntry e = queue.findForUpdate(null, null, queueId).orElse(null);
        if (e == null || e.connectedAt != null || e.assignedUserId == null || e.assignedUserId != userId
                || (e.routing == Routing.native_ && e.direction != CallDirection.out)) {
            return false;
        }
        return connect(e, userId);
    }

    /** agentConnected on the locked entry. */
    private boolean connect(QueueEntry e, long userId) {
        Instant now = now();
        boolean sameAgent = e.assignedUserId != null && e.assignedUserId == userId;
        if (e.connectedAt != null) {
            if (sameAgent) {
                return false;
            }
            throw invalid(e, "is already connected to user " + e.assignedUserId);
        }
        switch (e.status) {
            case declined -> throw invalid(e, "was declined (" + e.declineReasonCode + "); no agent can be connected");
            case completed -> {
                // callCompleted came first: the call is over; record who took it, leave the agent's status alone
                if (e.assignedUserId != null && !sameAgent) {
                    throw invalid(e, "was completed by user " + e.assignedUserId);
                }
                e.assignedUserId = userId;
                e.connectedAt = now;
                e.updatedAt = now;
                event(e, "callConnected", Map.of("userId", userId, "afterCompletion", true));
                outbox.add(e.id, OutboxKind.assignTicket, Map.of("agentId", userId));
                return true;
            }
            default -> {
                Long reserved = e.assignedUserId;
                enter(e, QueueStatus.assigned);
                e.assignedUserId = userId;
                e.connectedAt = now;
                if (e.routedAt == null) {
                    e.routedAt = now;
                }
                e.updatedAt = now;
                event(e, "callConnected", Map.of("userId", userId));
                outbox.add(e.id, OutboxKind.assignTicket, Map.of("agentId", userId));
                if (reserved != null && reserved != userId) {
                    // routing had reserved another agent; that one is free again
                    routingStatus(e, reserved, "idle", "reserved", Duration.ZERO);
                    agents.release(reserved, e.id);
                }
                // the agent now holds this call, so native routing offers them no other (unless they hold one already)
                agents.take(userId, e.id);
                routingStatus(e, userId, "inCall", null, Duration.ZERO);
                return true;
            }
        }
    }

    /**
     * Completes the call; answers whether this request changed anything (false: a repeat).
     *
     * @param ticket as for {@link #agentConnected}
     */
    @Transactional
    public boolean callCompleted(String channelId, Long ticketId, CreatedTicket ticket, Completion done,
            String transcriptBody, int wrapUpSeconds) {
        QueueEntry e = locked(channelId, ticketId, ticket);
        if (e.status == QueueStatus.completed && e.durationSeconds != null) {
            return false; // its completion was reported already: the first report stands
        }
        Instant now = now();
        boolean wasCompleted = e.status == QueueStatus.completed;
        enter(e, QueueStatus.completed);
        if (e.completedAt == null || !wasCompleted) {
            e.completedAt = now;
        }
        Integer total = done.totalDurationSeconds() != null ? done.totalDurationSeconds() : done.duration();
        e.totalDurationSeconds = total;
        e.durationSeconds = done.duration() != null ? done.duration() : total;
        e.botDurationSeconds = done.botDurationSeconds();
        e.queueDurationSeconds = done.queueDurationSeconds();
        e.humanDurationSeconds = done.humanDurationSeconds();
        e.updatedAt = now;
        if (e.durationSeconds == null) {
            e.durationSeconds = 0; // marks the completion as reported, so that a repeat is recognised
        }
        if (transcriptBody != null) {
            Map<String, Object> conversation = new LinkedHashMap<>();
            conversation.put("direction", "in");
            conversation.put("from", e.phone);
            conversation.put("fromName", e.callerName);
            conversation.put("subject", "Call transcript");
            conversation.put("body", transcriptBody);
            outbox.add(e.id, OutboxKind.storeTranscript, conversation);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("totalDurationSeconds", e.totalDurationSeconds);
        data.put("botDurationSeconds", e.botDurationSeconds);
        data.put("queueDurationSeconds", e.queueDurationSeconds);
        data.put("humanDurationSeconds", e.humanDurationSeconds);
        data.put("userId", e.assignedUserId);
        event(e, "callCompleted", data);
        // frees whoever held the call (a reservation never connected too); the connected agent is idle from now
        agents.callEnded(e.id, e.connectedAt != null ? e.assignedUserId : null, now);
        if (e.assignedUserId != null && e.connectedAt != null) {
            // the agent does after-call work, then is free for the next call
            routingStatus(e, e.assignedUserId, "wrapUp", "inCall", Duration.ZERO);
            routingStatus(e, e.assignedUserId, "idle", "wrapUp", Duration.ofSeconds(wrapUpSeconds));
        } else if (e.assignedUserId != null && e.routing == Routing.native_) {
            // routing reserved an agent, the caller hung up before they were connected: the agent is free again
            routingStatus(e, e.assignedUserId, "idle", "reserved", Duration.ZERO);
        }
        return true;
    }

    /** Declines a waiting call (routing gave up on it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decline(QueueEntry e, String code, String message) {
        Instant now = now();
        enter(e, QueueStatus.declined);
        e.declineReasonCode = code;
        e.declineReasonMessage = message;
        e.updatedAt = now;
        event(e, "callDeclined", Map.of("reasonCode", code, "reason", message));
        agents.callEnded(e.id, null, now);
    }

    /** Native routing gave the waiting call to the agent it reserved (the agent is reserved in settings-svc). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void routed(QueueEntry e, long userId) {
        Instant now = now();
        enter(e, QueueStatus.assigned);
        e.assignedUserId = userId;
        e.routedAt = now;
        e.updatedAt = now;
        event(e, "callRouted", Map.of("userId", userId));
    }

    /**
     * The agent native routing reserved did not answer in time: the call waits again (for the next agent), the
     * agent goes back to idle and to the back of the longest-idle order (idle since now).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ringTimedOut(QueueEntry e) {
        Instant now = now();
        long agent = e.assignedUserId;
        enter(e, QueueStatus.waitingForAgent);
        e.assignedUserId = null;
        e.routedAt = null;
        e.updatedAt = now;
        event(e, "callNotAnswered", Map.of("userId", agent));
        agents.release(agent, e.id);
        agents.callEnded(e.id, agent, now);
        routingStatus(e, agent, "idle", "reserved", Duration.ZERO);
    }

    /** An agent reserved by native routing who will not get the call goes back to idle (unless changed since). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unreserve(QueueEntry e, long userId) {
        agents.release(userId, e.id);
        routingStatus(e, userId, "idle", "reserved", Duration.ZERO);
    }

    /** Moves the entry to {@code state}, counted when the transaction commits; staying in its state is no move. */
    private void enter(QueueEntry e, QueueStatus state) {
        if (e.status != state) {
            e.status = state;
            states.entered(state);
        }
    }

    /**
     * The call an event names, locked: by channelId, by ticketId (the ticket's newest call), or by both when they
     * name the same call. Both given: the call with that channelId must belong to that ticket; when no call has
     * that channelId, the ticket's call must have none (a call received without channelId). Anything else names
     * two different calls: 409 {@link #CALL_MISMATCH}. No call with that channelId and no ticketId: 404. A ticketId
     * without call: {@link NoCallForTicket}, or, once ticket-svc confirmed the ticket ({@code ticket}), a new call
     * for it (with the channelId, if given), made once however many events for it arrive at the same time.
     */
    private QueueEntry locked(String channelId, Long ticketId, CreatedTicket ticket) {
        if (channelId != null) {
            QueueEntry byChannel = queue.findForUpdate(channelId, null, null).orElse(null);
            if (byChannel != null) {
                if (ticketId != null && !ticketId.equals(byChannel.ticketId)) {
                    throw mismatch(channelId, ticketId, byChannel.ticketId == null
                            ? "the call with channelId " + channelId + " has no ticket yet, so it is not the call of "
                                    + "ticket " + ticketId
                            : "the call with channelId " + channelId + " belongs to ticket " + byChannel.ticketId
                                    + ", not to ticket " + ticketId);
                }
                return byChannel;
            }
            if (ticketId == null) {
                throw ApiException.notFound("No call with channelId " + channelId + " was received");
            }
        }
        if (ticket != null) {
            // who makes the ticket's call: a concurrent event for the same ticket waits here, then finds that call
            locks.lock("ticket-call", Long.toString(ticketId));
        }
        QueueEntry byTicket = queue.findForUpdate(null, ticketId, null).orElse(null);
        if (byTicket == null) {
            if (ticket == null) {
                throw new NoCallForTicket(ticketId);
            }
            return callForTicket(ticketId, channelId, ticket);
        }
        if (channelId != null && byTicket.channelId != null) {
            throw mismatch(channelId, ticketId, "no call with channelId " + channelId + " was received; the call of ticket "
                    + ticketId + " has channelId " + byTicket.channelId);
        }
        return byTicket;
    }

    /**
     * The call of an existing ticket that no callReceived reported (the phone system names the ticket in its first
     * event): status unknown until this event moves it, routing external. Its first state is not counted, as a
     * claim's preProcessing is not: the event's own move is.
     */
    private QueueEntry callForTicket(long ticketId, String channelId, CreatedTicket ticket) {
        long id = queue.insertForTicket(ticketId, channelId, ticket.contractId(), ticket.customerId(), now())
                .orElseThrow(() -> mismatch(channelId, ticketId, "a call with channelId " + channelId
                        + " was received meanwhile, with a ticket of its own"));
        return queue.findForUpdate(null, null, id).orElseThrow();
    }

    private static ApiException mismatch(String channelId, long ticketId, String why) {
        String message = "ticketId " + ticketId + " and channelId " + channelId + " name different calls";
        return new ApiException(409, CALL_MISMATCH, message + ": " + why,
                List.of(new FieldError("ticketId", why), new FieldError("channelId", why)), null);
    }

    private void event(QueueEntry e, String type, Map<String, Object> data) {
        Map<String, Object> payloadData = new LinkedHashMap<>(data);
        payloadData.put("channelId", e.channelId);
        payloadData.put("queueId", e.id);
        payloadData.put("status", e.status.name());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("data", payloadData);
        payload.put("technical", false);
        outbox.add(e.id, OutboxKind.ticketEvent, payload);
    }

    private void routingStatus(QueueEntry e, long userId, String status, String ifCurrent, Duration delay) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callRoutingStatus", status);
        if (ifCurrent != null) {
            body.put("ifCurrent", ifCurrent);
        }
        outbox.add(e.id, OutboxKind.routingStatus, Map.of("userId", userId, "body", body), delay);
    }

    private static ApiException invalid(QueueEntry e, String what) {
        return ApiException.conflict(INVALID_STATE, "Call " + (e.channelId != null ? e.channelId : "of ticket " + e.ticketId)
                + " is " + e.status + " and " + what);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
