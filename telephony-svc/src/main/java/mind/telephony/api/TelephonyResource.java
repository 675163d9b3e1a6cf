package mind.telephony.api;

import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.idempotency.IdempotencyInterceptor;
import mind.telephony.domain.Routing;
import mind.common.error.ApiException;
import mind.telephony.service.CallService;
import mind.telephony.service.IncomingCall;
import mind.telephony.service.RegisteredCall;
import mind.telephony.service.TelephonyAdmin;

@Path("/telephony")
@Tag(name = "Telephony")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
// Phone systems and voicebots call with service-worker tokens; agents never report calls themselves.
@RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER })
public class TelephonyResource {

    static final String NOT_EXTERNAL = "None, as routing is not external";
    static final String NO_EXTERNAL_SYSTEM = "Not handed over: no external routing system is configured";
    /**
     * What phone platforms send as the caller's number when it is withheld (CLIP restricted), compared without case
     * and surrounding blanks: the call is registered without number, as when phone is left out.
     */
    static final Set<String> WITHHELD = Set.of("anonymous", "unknown", "withheld", "private", "restricted", "");

    private final CallService calls;
    private final TelephonyAdmin phones;

    public TelephonyResource(CallService calls, TelephonyAdmin phones) {
        this.calls = calls;
        this.phones = phones;
    }

    @POST
    @Path("/callReceived")
    // not atomic: the method calls ticket-svc and must hold no transaction while it waits
    @Idempotent(atomic = false)
    @Operation(summary = "Call received", description = """
            Registers a call: creates its phone ticket (in ticket-svc, with the caller's token) and its routing \
            queue entry, and returns both ids. Choices where the enneo docs are silent: \
            routing left out: none for outbound calls (they are not routed); for inbound calls external when userId \
            is given (the phone platform routed it), else native while the ACD is enabled (setting acdEnabled) and \
            external while it is not (the phone platform connects an agent by agentConnected later; the call waits \
            for it with no maximum waiting time). userId is only allowed with routing external or none (an outbound \
            call without routing counts as none), so a userId with routing native is a 400. direction out requires `to`. \
            phone and to are stored and passed on in E.164 (libphonenumber: with country code, or national in the \
            default region mind.telephony.default-region, DE); one that cannot be read as a number is a 400 naming it. \
            A withheld caller number as phone platforms send it (anonymous, unknown, withheld, private, restricted, \
            any case, or an empty string) registers the call without phone, as when phone is left out. \
            Ticket: channel phone, fromName = callerName, from = phone, to = [to], subject "Call from <callerName> \
            (<phone>)" ("Call to ..." outbound), body = the transcript as lines "[YYYY-MM-DD HH:mm:ss] speaker: \
            message" (UTC). Ticket status: the given status (open, resolved, closed, waitingOnCustomer or \
            waitingOnThirdParty; pending is a 400 naming status, as a pending ticket needs a dueBy that callReceived \
            cannot carry), else closed for inbound calls with routing none, else open. The ticket is assigned to userId, or for outbound calls to agentId, and that agent is connected to \
            the call as by agentConnected (callConnected in the activity, callRoutingStatus inCall in settings-svc, \
            no native call meanwhile; callCompleted then moves them to wrapUp), once. AI agents run unless routing \
            is none or triggerAiProcessing is false. \
            Queue entry status: assigned when userId (or, outbound, agentId) is given; unknown for other outbound \
            calls; completed for routing none; waitingForAgent otherwise. \
            Idempotent by channelId: a call whose channelId is already registered returns the same ticketId and \
            queueId, unchanged, and creates nothing (also under concurrent requests: a report of a call that another \
            request is still registering waits for that one and returns its ids; a registration left unfinished for \
            8 s, its request having died, is taken over). contractId/customerId in the answer are the ticket's, as \
            strings. ioResponse says whether the call was handed to an external routing \
            system; none is configured yet, which routing external reports. \
            Errors: 400 naming the field; 400 ticket_rejected when ticket-svc refuses the ticket (its message \
            included); when ticket-svc is down or slow, a call with channelId is kept all the same: \
            the answer is success with ticketId null and the queueId, and this service's outbox creates the ticket \
            (same Idempotency-Key) once ticket-svc is back, then links it to the queue entry (getRouting by channelId \
            or queueId shows it); a call without channelId cannot be deduplicated and gets 503 with Retry-After, \
            nothing registered. Roles: admin or serviceWorker.""")
    public CallReceivedResponse callReceived(@Valid @NotNull CallReceivedRequest body,
            @Parameter(description = "Optional. A retry with the same key and body gets the first answer again; a call "
                    + "without channelId also passes it on to ticket-svc, so even a re-run makes no second ticket")
            @HeaderParam(IdempotencyInterceptor.HEADER) String requestKey) {
        IncomingCall incoming = body.toIncomingCall();
        if (incoming.phone() != null && WITHHELD.contains(incoming.phone().strip().toLowerCase(Locale.ROOT))) {
            incoming = incoming.withPhone(null);
        }
        if (incoming.phone() != null) {
            String e164 = phones.normalise(incoming.phone());
            if (e164 == null) {
                throw ApiException.invalidField("phone", "must be a phone number: with country code (+49301234567) or "
                        + "national in the configured default region; for a withheld number leave it out (or send "
                        + "anonymous)");
            }
            incoming = incoming.withPhone(e164);
        }
        if (incoming.to() != null && !incoming.to().isBlank()) {
            String e164 = phones.normalise(incoming.to());
            if (e164 == null) {
                throw ApiException.invalidField("to", "must be a phone number: with country code (+49301234567) or "
                        + "national in the configured default region");
            }
            incoming = incoming.withTo(e164);
        }
        RegisteredCall call = calls.receive(incoming, requestKey);
        String ioResponse = call.routing() == Routing.external ? NO_EXTERNAL_SYSTEM : NOT_EXTERNAL;
        return new CallReceivedResponse(true, call.ticketId(), call.contractId(), call.customerId(), ioResponse,
                call.queueId());
    }
}
