package mind.ticket.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.ticket.service.MessageDispatch;

/** {@code POST /ticket/{ticketId}/forward}: its own root path, so it never competes with TicketResource's /{ticketId}. */
@Path("/ticket/{ticketId}/forward")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketForwardResource {

    private final MessageDispatch dispatch;
    private final SecurityIdentity identity;

    public TicketForwardResource(MessageDispatch dispatch, SecurityIdentity identity) {
        this.dispatch = dispatch;
        this.identity = identity;
    }

    @POST
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(operationId = "forwardTicket", summary = "Forward a ticket", description = "Mails body, followed by the "
            + "ticket's message (From, Date, Subject, To, body), to toEmail (required) with cc and bcc, from the "
            + "configured sender. toEmail, cc and bcc each take one mail address as a string or an array of at most 50 "
            + "(400 naming toEmail, or toEmail[i] in an array, for one that is no mail address). subject defaults to "
            + "\"Fwd: <ticket subject>\". "
            + "subchannelId is recorded; the sender is not yet taken from it. Recorded as a private outgoing email "
            + "conversation and a forwarded event once SMTP accepted it; when SMTP fails nothing is kept and the answer "
            + "is 503 mail_unavailable. Send an Idempotency-Key: a repeated request answers the first forward and never "
            + "mails twice.")
    public ConversationResponses.Changed forward(@PathParam("ticketId") long ticketId,
            @Valid @NotNull ConversationRequests.Forward body) {
        return new ConversationResponses.Changed(true,
                dispatch.forward(ticketId, body.toForward(), identity.getPrincipal().getName()));
    }
}
