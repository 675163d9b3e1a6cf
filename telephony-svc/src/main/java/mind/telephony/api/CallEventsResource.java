package mind.telephony.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.common.auth.Callers;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.idempotency.Idempotent;
import mind.telephony.domain.QueueStatus;
import mind.telephony.service.AcdSettings;
import mind.telephony.service.CallEvents;
import mind.telephony.service.CallLifecycle;
import mind.telephony.service.PhoneTicketText;
import mind.telephony.service.RoutingService;
import mind.telephony.service.TelephonyAdmin;

/** The call events after callReceived, the routing queue and the telephony configuration. */
@Path("/telephony")
@Tag(name = "Telephony")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER })
public class CallEventsResource {

    private static final String TICKET_WITHOUT_CALL = """
            A ticketId for which no call was received is attached to: when ticket-svc has that ticket (read with the \
            caller's token), a call is made for it (routing external, with the channelId when given; getRouting \
            shows it) and the event applies to it exactly as to a received call; ticket-svc has no such ticket: 404; \
            ticket-svc unreachable: 503 with Retry-After, nothing changed.""";

    private final CallEvents events;
    private final RoutingService routing;
    private final AcdSettings acd;
    private final TelephonyAdmin admin;
    private final SecurityIdentity identity;

    public CallEventsResource(CallEvents events, RoutingService routing, AcdSettings acd, TelephonyAdmin admin,
            SecurityIdentity identity) {
        this.events = events;
        this.routing = routing;
        this.acd = acd;
        this.admin = admin;
        this.identity = identity;
    }

    @POST
    @Path("/agentConnected")
    // not atomic: the method may ask ticket-svc whether a ticket exists and must hold no transaction while it waits
    @Idempotent(atomic = false)
    @Operation(summary = "Connect agent to call", description = """
            userId (required) and ticketId or channelId or both (400 naming both when neither is given). Both: they \
            must name the same call (the call with that channelId belongs to that ticket; or no call has that \
            channelId and the ticket's call was received without one), else 409 call_mismatch naming both. \
            A channelId alone must have been received (404).""" + " " + TICKET_WITHOUT_CALL + """
             The queue entry becomes assigned to the agent; through this service's outbox, \
            delivered at least once even while they are down: the ticket is assigned to the agent in ticket-svc \
            (agentId), the connection is appended to the ticket's activity (callConnected), and the agent's \
            callRoutingStatus becomes inCall in settings-svc. A repeat for the same agent changes nothing; \
            agentConnected after callCompleted records the agent without changing its status; another agent for a \
            call already connected, or any agent for a declined call, is 409 invalid_call_state naming the current \
            state. Roles: admin or serviceWorker.""")
    public Success agentConnected(@Valid @NotNull AgentConnectedRequest body) {
        if (body.userId() == null) {
            throw ApiException.invalidField("userId", "is required");
        }
        if (body.ticketId() == null && body.channelId() == null) {
            String message = "one of ticketId and channelId is required";
            throw new ApiException(400, ApiException.VALIDATION_FAILED, "ticketId, channelId: " + message,
                    List.of(new FieldError("ticketId", message), new FieldError("channelId", message)), null);
        }
        events.agentConnected(body.userId(), body.channelId(), body.ticketId());
        return Success.OK;
    }

    @POST
    @Path("/callCompleted")
    // not atomic: as agentConnected
    @Idempotent(atomic = false)
    @Operation(summary = "Complete call and store transcript", description = """
            channelId or ticketId or both (400 naming channelId when neither; both must name the same call, as for \
            agentConnected, else 409 call_mismatch naming both; a channelId alone must have been received: 404). \
            """ + TICKET_WITHOUT_CALL + """
             The queue entry becomes completed with the four durations (duration is the \
            deprecated total: totalDurationSeconds defaults to it, and it to totalDurationSeconds). Through the \
            outbox: the transcript (at most 1000 entries) is stored on the call's ticket as a conversation, \
            callCompleted is appended to the ticket's activity, and a connected agent goes to wrapUp, then idle \
            after acdWrapUpSeconds. A repeated completion changes nothing (the first report stands). A declined \
            call may still be completed. Roles: admin or serviceWorker.""")
    public Success callCompleted(@Valid @NotNull CallCompletedRequest body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (body.channelId() == null && body.ticketId() == null) {
            throw ApiException.invalidField("channelId", "is required (or ticketId)");
        }
        String transcript = body.transcript() == null || body.transcript().isEmpty() ? null
                : PhoneTicketText.body(body.transcript().stream().map(TranscriptEntry::toLine).toList());
        int wrapUp = acd.current(authorization).wrapUpSeconds();
        events.callCompleted(body.channelId(), body.ticketId(), new CallLifecycle.Completion(
                body.transcript() == null ? null : body.transcript().stream().map(TranscriptEntry::toLine).toList(),
                body.duration(), body.totalDurationSeconds(), body.botDurationSeconds(), body.queueDurationSeconds(),
                body.humanDurationSeconds()), transcript, wrapUp);
        return Success.OK;
    }

    @GET
    @Path("/getRouting")
    @Operation(summary = "Get routing status", description = """
            The call's queue entry, found by ticketId (its newest call), or by the older lookups channelId or \
            queueId: exactly one (400 naming ticketId otherwise; 404 unknown). A waiting native call is evaluated \
            first: while acdEnabled, once it waited acdMaxWaitSeconds it is declined with declineReasonCode \
            maxWaitExceeded (while the ACD is disabled no call is declined). \
            positionDetails: position = native calls waiting ahead of it (0 = next), \
            agentsOnlineWithMatchingSkills = ids of agents at work (status available, not offline for calls) whose \
            skills hold the call's primaryTagId (all of them when it has none), from settings-svc (empty while \
            settings-svc cannot be read), estimatedWaitingTimeInSeconds = average human handling time of the last \
            50 completed calls (60 s while none) x (position + 1) / agents; all 0 / empty unless waitingForAgent. \
            testQueueStatusResponse answers that status without routing (declined adds a random decline reason). \
            A waiting native call is then routed (when acdEnabled): the longest-idle agent at work, idle for calls, \
            with the call's primary tag as a skill (the primary tag: the entry's, else the first skill of the acdQueues \
            entry serving its subchannel; none: every agent) is reserved in settings-svc (callRoutingStatus reserved) \
            and the answer is status assigned with assignedUserId; the phone system rings that agent and reports \
            agentConnected. One agent never holds two calls, across replicas. Not connected within \
            acdRingTimeoutSeconds: the call waits again and is offered to the next agent. \
            cleanState first frees agents still held by calls that are completed or declined; forceReEvaluation is \
            accepted for compatibility (every request evaluates). Roles: admin or serviceWorker.""")
    public QueueEntryView getRouting(@QueryParam("ticketId") @Positive Long ticketId,
            @QueryParam("channelId") String channelId, @QueryParam("queueId") @Positive Long queueId,
            @QueryParam("cleanState") Boolean cleanState, @QueryParam("forceReEvaluation") Boolean forceReEvaluation,
            @QueryParam("testQueueStatusResponse") String testQueueStatusResponse,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        int given = (ticketId != null ? 1 : 0) + (channelId != null ? 1 : 0) + (queueId != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.invalidField("ticketId", "is required (or, older, exactly one of channelId and queueId)");
        }
        if (channelId != null && (channelId.isEmpty() || channelId.length() > 255)) {
            throw ApiException.invalidField("channelId", "must be 1 to 255 characters");
        }
        QueueStatus test = null;
        if (testQueueStatusResponse != null) {
            try {
                test = QueueStatus.valueOf(testQueueStatusResponse);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("testQueueStatusResponse", "must be one of " + List.of(QueueStatus.values()));
            }
        }
        return routing.get(new RoutingService.Lookup(ticketId, channelId, queueId), test, Boolean.TRUE.equals(cleanState),
                authorization);
    }

    @GET
    @Path("/routingAvailability")
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER, Roles.AGENT })
    @Operation(summary = "Check an agent's availability for calls", description = """
            userId (required; agents may ask only about themselves, 403 otherwise; 404 when settings-svc does not know \
            the profile). Answers {success, userId, available, status, callRoutingStatus, skills}: available when \
            the agent is at work (status available) and idle for calls. Roles: admin, serviceWorker, agent.""")
    public Map<String, Object> routingAvailability(@QueryParam("userId") @Positive Long userId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (userId == null) {
            throw ApiException.invalidField("userId", "is required");
        }
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.SERVICE_WORKER)
                && !Callers.isProfile(identity, userId)) {
            throw new ApiException(403, "forbidden", "Agents may check only their own availability");
        }
        return admin.availability(userId, authorization);
    }

    @POST
    @Path("/testOutboundCall")
    @Idempotent(atomic = false) // holds no transaction while the provider answers
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Place a test call", description = """
            Body {phoneNumber (E.164, e.g. +49301234567; 400 otherwise), subchannelId (optional, positive)}. Sends \
            it to the phone provider's test call endpoint (mind.telephony.provider-test-call-url) and answers \
            {success: true, response: <the provider's JSON answer>}. With no provider configured: 501 \
            provider_not_configured; provider unreachable or failing: 503. Admin only.""")
    public Map<String, Object> testOutboundCall(@Valid @NotNull TestCallRequest body) {
        return placed(admin.testCall(e164(body.phoneNumber()), body.subchannelId()));
    }

    @POST
    @Path("/outboundCall")
    @Idempotent(atomic = false) // holds no transaction while the provider answers
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Place an outbound call", description = """
            Body {phoneNumber (E.164, e.g. +49301234567; 400 otherwise), subchannelId (optional, positive), \
            isPhoneNumberHidden (optional boolean, default false; true: the callee is not shown the number calling)}. Sends \
            {phoneNumber, subchannelId, isPhoneNumberHidden} to the phone provider's outbound call endpoint \
            (mind.telephony.provider-outbound-call-url) and answers \
            {success: true, ticketId, channelId, response: <the provider's JSON answer>}. channelId: the call's id as \
            the provider's answer names it (field channelId, else callId), null when it names none; ticketId: the \
            ticket of the call with that channelId when the phone system already reported it through callReceived \
            (direction out) and its ticket exists, else null (the ticket is made by that callReceived). With no \
            provider configured: 501 provider_not_configured; provider unreachable or failing: 503. The call itself is \
            reported by the phone system through callReceived (direction out). Roles: admin or agent.""")
    public OutboundCallResponse outboundCall(@Valid @NotNull OutboundCallRequest body) {
        TelephonyAdmin.PlacedCall call = admin.outboundCall(e164(body.phoneNumber()), body.subchannelId(),
                Boolean.TRUE.equals(body.isPhoneNumberHidden()));
        return new OutboundCallResponse(true, call.ticketId(), call.channelId(), call.response());
    }

    /** The number to call in E.164, as testOutboundCall and outboundCall require it. */
    private String e164(String phoneNumber) {
        String e164 = admin.e164(phoneNumber);
        if (e164 == null) {
            throw ApiException.invalidField("phoneNumber", "must be a valid phone number in E.164 form, e.g. +49301234567");
        }
        return e164;
    }

    /** The answer of a call placed with the provider. */
    private static Map<String, Object> placed(com.fasterxml.jackson.databind.JsonNode providerAnswer) {
        return Map.of("success", true, "response", providerAnswer);
    }
}
