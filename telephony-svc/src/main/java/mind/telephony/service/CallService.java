package mind.telephony.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import mind.common.api.Channel;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteUnavailableException;
import mind.common.error.ApiException;
import mind.telephony.client.CreatedTicket;
import mind.telephony.client.TicketDraft;
import mind.telephony.client.TicketGateway;
import mind.telephony.config.TelephonyConfig;
import mind.telephony.domain.CallDirection;
import mind.telephony.domain.QueueClaim;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;
import mind.telephony.domain.Routing;
import mind.telephony.domain.TicketStatus;

@ApplicationScoped
public class CallService {

    private static final Logger LOG = Logger.getLogger(CallService.class);

    /** The ticket statuses a call may start its ticket in: all but pending, which needs a dueBy. */
    static final List<TicketStatus> ACCEPTED_STATUSES = List.of(TicketStatus.open, TicketStatus.resolved,
            TicketStatus.closed, TicketStatus.waitingOnCustomer, TicketStatus.waitingOnThirdParty);

    static final String IDEMPOTENCY_PREFIX = "telephony-call-";
    /** ticket-svc's limit on an Idempotency-Key (its contract, not a tunable). */
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private final CallClaims claims;
    private final CallLifecycle lifecycle;
    private final TicketGateway tickets;
    private final ClaimTiming timing;
    private final AcdSettings acd;
    private final TelephonyConfig config;
    private final Clock clock;

    public CallService(CallClaims claims, CallLifecycle lifecycle, TicketGateway tickets, ClaimTiming timing,
            AcdSettings acd, TelephonyConfig config, Clock clock) {
        this.claims = claims;
        this.lifecycle = lifecycle;
        this.tickets = tickets;
        this.timing = timing;
        this.acd = acd;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Registers a new call: creates its phone ticket in ticket-svc and its queue entry here. A call
     * whose channelId is already known is answered with the ticket and queue entry it got the first
     * time, without touching ticket-svc; concurrent reports of one call wait for the first.
     *
     * No transaction or connection is held while ticket-svc is called, so a slow ticket-svc cannot
     * drain the connection pool: the call's entry is first claimed (inserted without ticket, in its
     * own short transaction, the unique channelId deciding who creates the ticket), then ticket-svc
     * is called, then the entry is filled. Should ticket-svc fail, the claim is deleted and nothing is
     * kept, so the phone system may send the call again; should the ticket have been made after all,
     * the Idempotency-Key derived from the channelId lets ticket-svc answer with that same ticket.
     *
     * A call that arrives with its agent ({@code userId}, or an outbound call's {@code agentId}) is then connected
     * to that agent exactly as by a later agentConnected ({@link CallLifecycle#connectOnArrival}): the agent is held
     * (native routing offers them no other call) and goes inCall, the ticket assignment and callConnected go
     * through the outbox. Once only: a repeat finds the call connected and changes nothing; a repeat after a
     * failure between registering and connecting completes the connection.
     */
    public RegisteredCall receive(IncomingCall call, String requestKey) {
        CallDirection direction = call.direction() == null ? CallDirection.in : call.direction();
        Routing routing = call.routing() != null ? call.routing() : defaultRouting(call, direction);
        validate(call, direction, routing);
        RegisteredCall registered = register(call, direction, routing, requestKey);
        Long agent = assignee(call, direction);
        if (agent != null) {
            lifecycle.connectOnArrival(registered.queueId(), agent);
        }
        return registered;
    }

    /**
     * The routing of a call that does not say: outbound calls are not routed (none); an inbound call that arrives with
     * its agent (userId) was routed by the phone platform (external, the agent connected at once); any other inbound
     * call is Mind's to route (native) while the ACD is enabled, else the phone platform's (external: it connects an
     * agent by agentConnected later, and the call waits for that without a maximum waiting time). While the ACD
     * settings cannot be read, the last values read decide, else the configured fallback (ACD off).
     */
    private Routing defaultRouting(IncomingCall call, CallDirection direction) {
        if (direction == CallDirection.out) {
            return Routing.none;
        }
        if (call.userId() != null) {
            return Routing.external;
        }
        return acd.current(null).enabled() ? Routing.native_ : Routing.external;
    }

    private RegisteredCall register(IncomingCall call, CallDirection direction, Routing routing, String requestKey) {
        String body = PhoneTicketText.body(call.transcript());
        if (body != null && body.length() > config.maxTicketBody()) {
            throw ApiException.invalidField("transcript",
                    "is too long for a ticket: at most " + config.maxTicketBody() + " characters of rendered text");
        }
        TicketDraft draft = draft(call, direction, routing, body);
        boolean aiProcessing = routing != Routing.none && !Boolean.FALSE.equals(call.triggerAiProcessing());
        String idempotencyKey = idempotencyKey(call.channelId(), requestKey);
        Long primaryTagId = primaryTag(call, routing);

        if (call.channelId() == null) {
            CreatedTicket ticket = createTicket(draft, aiProcessing, idempotencyKey);
            return claims.insert(ticket.id(), entry -> describe(entry, call, direction, routing, primaryTagId, ticket));
        }
        for (int round = 1; ; round++) {
            ClaimResult result = awaitClaim(call.channelId(), routing, direction);
            if (result instanceof ClaimResult.Registered registered) {
                return registered.call();
            }
            QueueClaim claim = ((ClaimResult.Claimed) result).claim();
            Optional<RegisteredCall> done;
            try {
                CreatedTicket ticket = createTicket(draft, aiProcessing, idempotencyKey);
                done = claims.complete(claim, entry -> describe(entry, call, direction, routing, primaryTagId, ticket));
            } catch (ApiException e) {
                if (e.status() != 503) {
                    Optional<RegisteredCall> registeredMeanwhile = release(claim, e);
                    if (registeredMeanwhile.isPresent()) {
                        return registeredMeanwhile.get();
                    }
                    throw e;
                }
                // ticket-svc is down or slow: the call is kept, its ticket follows through the outbox
                Map<String, Object> create = new LinkedHashMap<>();
                create.put("draft", draft);
                create.put("process", aiProcessing ? null : "false");
                create.put("idempotencyKey", idempotencyKey);
                done = claims.defer(claim, entry -> describe(entry, call, direction, routing, primaryTagId, null), create);
                if (done.isPresent()) {
                    return done.get();
                }
                continue;
            } catch (RuntimeException e) {
                Optional<RegisteredCall> registeredMeanwhile = release(claim, e);
                if (registeredMeanwhile.isPresent()) {
                    return registeredMeanwhile.get();
                }
                throw e;
            }
            if (done.isPresent()) {
                return done.get();
            }
            // The entry vanished: a request that took our claim over gave up. Its ticket, if any, is
            // ours too (same Idempotency-Key), so claiming again and asking ticket-svc again is safe.
            if (round >= timing.maxRounds()) {
                throw ApiException.unavailable("call " + call.channelId() + " could not be registered: its registration "
                        + "was given up repeatedly. Send it again later.", config.retryAfterSeconds());
            }
        }
    }

    /**
     * Claims the call's entry, waiting while another request registers the same call: without a
     * connection, in short looks, until that request is done or its claim has gone stale.
     */
    private ClaimResult awaitClaim(String channelId, Routing routing, CallDirection direction) {
        long deadline = System.nanoTime() + timing.staleAfter().plusSeconds(1).toNanos();
        while (true) {
            ClaimResult result = claims.claim(channelId, routing, direction, timing.staleAfter());
            if (!(result instanceof ClaimResult.Pending)) {
                return result;
            }
            if (System.nanoTime() - deadline > 0) {
                // The claim was taken over while we waited: its new holder still works on it.
                throw ApiException.unavailable("call " + channelId + " is still being registered by another request. "
                        + "Send it again later.", config.retryAfterSeconds());
            }
            try {
                Thread.sleep(timing.poll());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.unavailable("call " + channelId + " was not registered: the request was interrupted. "
                        + "Send it again later.", config.retryAfterSeconds());
            }
        }
    }

    /** Gives the claim up after a failure; the failure is what the caller hears about. */
    private Optional<RegisteredCall> release(QueueClaim claim, RuntimeException failure) {
        try {
            return claims.release(claim);
        } catch (RuntimeException e) {
            // The claim stays until it goes stale and a resend takes it over.
            failure.addSuppressed(e);
            return Optional.empty();
        }
    }

    /** Everything the entry says about the call once its ticket exists. */
    /**
     * The skill a native call needs: the first skill of the ACD queue serving its subchannel. Set when the call
     * arrives (not first when it is routed) so that every waiting call counts for its tag from the start: native
     * routing serves older calls of a tag first by counting them.
     */
    private Long primaryTag(IncomingCall call, Routing routing) {
        if (routing != Routing.native_ || call.subchannelId() == null) {
            return null;
        }
        return NativeRouting.queueSkill(acd.current(null).queues(), call.subchannelId());
    }

    private void describe(QueueEntry entry, IncomingCall call, CallDirection direction, Routing routing,
            Long primaryTagId, CreatedTicket ticket) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        entry.ticketId = ticket == null ? null : ticket.id();
        entry.channelId = call.channelId();
        entry.channel = Channel.phone;
        entry.subchannelId = call.subchannelId();
        entry.routing = routing;
        entry.primaryTagId = primaryTagId;
        entry.direction = direction;
        entry.callerName = call.callerName();
        entry.phone = call.phone();
        entry.contractId = ticket != null && ticket.contractId() != null ? ticket.contractId() : call.contractId();
        entry.customerId = ticket != null && ticket.customerId() != null ? ticket.customerId() : call.customerId();
        entry.aiAgentId = call.aiAgentId();
        entry.updatedAt = now;
        entry.status = initialStatus(call, direction, routing);
        entry.assignedUserId = assignee(call, direction);
        if (entry.status == QueueStatus.assigned) {
            entry.routedAt = now;
        } else if (entry.status == QueueStatus.completed) {
            entry.completedAt = now;
        }
    }

    private static void validate(IncomingCall call, CallDirection direction, Routing routing) {
        if (direction == CallDirection.out && (call.to() == null || call.to().isBlank())) {
            throw ApiException.invalidField("to", "is required for outbound calls (direction out)");
        }
        if (call.userId() != null && routing == Routing.native_) {
            throw ApiException.invalidField("userId", "is only allowed with routing external or none");
        }
        if (call.status() == TicketStatus.pending) {
            // ticket-svc makes a pending ticket only with a dueBy in the future (when it comes back); a call has none
            throw ApiException.invalidField("status", "pending needs a due date (dueBy), which callReceived cannot carry; "
                    + "use one of " + ACCEPTED_STATUSES + " and set the ticket pending with its dueBy afterwards");
        }
    }

    /** Who the call belongs to from the start: the connected agent, or the human who dialled out. */
    private static Long assignee(IncomingCall call, CallDirection direction) {
        if (call.userId() != null) {
            return call.userId();
        }
        return direction == CallDirection.out ? call.agentId() : null;
    }

    private static TicketDraft draft(IncomingCall call, CallDirection direction, Routing routing, String body) {
        TicketStatus status = call.status() != null ? call.status()
                // A call nobody routes was handled by the voicebot alone; outbound calls are outside routing.
                : routing == Routing.none && direction == CallDirection.in ? TicketStatus.closed : TicketStatus.open;
        List<String> to = call.to() == null || call.to().isBlank() ? null : List.of(call.to().strip());
        return new TicketDraft(Channel.phone, direction, status, blankToNull(call.phone()), blankToNull(call.callerName()),
                to, call.subchannelId(), call.channelId(), call.externalTicketId(), assignee(call, direction),
                call.contractId(), call.customerId(),
                PhoneTicketText.subject(direction, call.callerName(), call.phone(), call.to()), body,
                List.of(received(call, direction, routing)));
    }

    /**
     * The call's first transition, appended to its ticket's activity like every later one, but made together
     * with the ticket (one request less per call). Everything in it follows from the request alone, so a
     * resent call asks ticket-svc for the same ticket with the same body under the same Idempotency-Key.
     */
    private static Map<String, Object> received(IncomingCall call, CallDirection direction, Routing routing) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channelId", call.channelId());
        data.put("status", initialStatus(call, direction, routing).name());
        data.put("routing", routing.wire());
        data.put("direction", direction.name());
        data.put("userId", assignee(call, direction));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "callReceived");
        event.put("data", data);
        event.put("technical", false);
        return event;
    }

    /** Where a new call's queue entry starts. */
    private static QueueStatus initialStatus(IncomingCall call, CallDirection direction, Routing routing) {
        if (assignee(call, direction) != null) {
            return QueueStatus.assigned;
        }
        if (direction == CallDirection.out) {
            return QueueStatus.unknown;
        }
        return routing == Routing.none ? QueueStatus.completed : QueueStatus.waitingForAgent;
    }

    private CreatedTicket createTicket(TicketDraft draft, boolean aiProcessing, String idempotencyKey) {
        try {
            return tickets.create(draft, aiProcessing, idempotencyKey);
        } catch (RemoteRejectedException e) {
            throw switch (e.status()) {
                case 422 -> ApiException.conflict("channel_id_conflict", "ticket-svc already made the ticket of call "
                        + draft.channelId() + " from a different request; send the call as it was first sent");
                case 401, 403 -> new ApiException(403, "ticket_forbidden",
                        "ticket-svc refused this token for creating the phone ticket: " + e.getMessage());
                default -> new ApiException(400, "ticket_rejected", "ticket-svc rejected the phone ticket: " + e.getMessage());
            };
        } catch (RemoteUnavailableException e) {
            // One line per failed call: during an outage stack traces would drown the log.
            LOG.warnf("ticket-svc unavailable for call %s: %s%s", draft.channelId(), e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
            throw unavailable(e.getMessage());
        } catch (TimeoutException e) {
            LOG.warnf("ticket-svc timed out for call %s", draft.channelId());
            throw unavailable("ticket-svc did not answer in time");
        } catch (CircuitBreakerOpenException e) {
            throw unavailable("ticket-svc failed repeatedly; calls to it pause for a few seconds");
        } catch (FaultToleranceException e) {
            LOG.warnf(e, "ticket-svc call failed for call %s", draft.channelId());
            throw unavailable("ticket-svc could not be called");
        }
    }

    private ApiException unavailable(String reason) {
        return ApiException.unavailable(reason + ". The call was not registered; send it again later.", config.retryAfterSeconds());
    }

    /**
     * The key ticket-svc sees, so that a repeated call gets the same ticket: {@code telephony-call-<channelId>}
     * (a hash of the channelId when that would exceed ticket-svc's key limit); without channelId, one
     * derived from the caller's own Idempotency-Key (so a request re-run after an abandoned claim finds
     * its ticket), else a key of this request's own, which still makes its retries safe.
     */
    static String idempotencyKey(String channelId, String requestKey) {
        if (channelId == null) {
            return IDEMPOTENCY_PREFIX + (requestKey == null ? UUID.randomUUID() : "request-sha256-" + sha256(requestKey));
        }
        String key = IDEMPOTENCY_PREFIX + channelId;
        return key.length() <= MAX_IDEMPOTENCY_KEY ? key : IDEMPOTENCY_PREFIX + "sha256-" + sha256(channelId);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
