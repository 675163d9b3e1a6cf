package mind.ticket.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.idempotency.IdempotencyInterceptor;
import mind.ticket.service.AutoexecuteResult;
import mind.ticket.service.AutoexecuteService;

/** {@code POST /ticket/{ticketId}/autoexecute}: its own root path, next to TicketResource's /{ticketId}. */
@Path("/ticket/{ticketId}/autoexecute")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
public class TicketAutoexecuteResource {

    private final AutoexecuteService autoexecute;
    private final SecurityIdentity identity;

    public TicketAutoexecuteResource(AutoexecuteService autoexecute, SecurityIdentity identity) {
        this.autoexecute = autoexecute;
        this.identity = identity;
    }

    @POST
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Auto-execute a ticket", description = "Runs one AI agent on the ticket for real through "
            + "aiagent-svc (POST /aiAgent/outcome, dryRun false). Refused: a closed or resolved ticket (409 "
            + "ticket_closed); a ticket with customer replies, i.e. inbound conversations after its first message, unless "
            + "allowWithReplies=true (409 ticket_has_replies); a ticket with several detected AI agents unless "
            + "allowMultipleIntents=true (409 multiple_intents). executeAgentId names the agent; without it the one "
            + "detected agent runs (none or several detected: 400 naming executeAgentId). 200 when the run succeeded; "
            + "207 with success false, code autoexecute_failed and the reason in error when it failed or aiagent-svc "
            + "refused it (also an unknown agent); 503 with Retry-After when aiagent-svc cannot be reached or does not "
            + "answer in time. Events autoexecuteRequested, then autoexecuted or autoexecuteFailed. Honours "
            + "Idempotency-Key and passes a key derived from it on, so a repeated request never runs the agent twice.")
    @APIResponse(responseCode = "200", description = "the agent ran", content = @Content(schema = @Schema(implementation = AutoexecuteResponse.class)))
    @APIResponse(responseCode = "207", description = "the run failed; the reason is in error", content = @Content(schema = @Schema(implementation = AutoexecuteResponse.class)))
    public Response autoexecute(@PathParam("ticketId") long ticketId,
            @QueryParam("executeAgentId") @Min(1) Long executeAgentId,
            @QueryParam("allowMultipleIntents") Boolean allowMultipleIntents,
            @QueryParam("allowWithReplies") Boolean allowWithReplies,
            @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        return run(autoexecute, identity, ticketId, executeAgentId, allowMultipleIntents, allowWithReplies, idempotencyKey);
    }

    /** The one code path of autoexecute and its older name autoprocess ({@link TicketAutoprocessResource}). */
    static Response run(AutoexecuteService autoexecute, SecurityIdentity identity, long ticketId, Long executeAgentId,
            Boolean allowMultipleIntents, Boolean allowWithReplies, String idempotencyKey) {
        AutoexecuteResult result = autoexecute.run(ticketId, executeAgentId, Boolean.TRUE.equals(allowMultipleIntents),
                Boolean.TRUE.equals(allowWithReplies),
                idempotencyKey, identity.getPrincipal().getName());
        return Response.status(result.success() ? 200 : 207).entity(AutoexecuteResponse.of(result)).build();
    }
}
