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
import mind.ticket.service.AutoexecuteService;

/**
 * {@code POST /ticket/{ticketId}/autoprocess}: the older name of autoexecute, which enneo's older ticket skill
 * still sends. Same parameters, rules, roles and answers, through the same code path; only the path differs (so
 * an Idempotency-Key used on one of the two paths is not replayed on the other).
 */
@Path("/ticket/{ticketId}/autoprocess")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
public class TicketAutoprocessResource {

    private final AutoexecuteService autoexecute;
    private final SecurityIdentity identity;

    public TicketAutoprocessResource(AutoexecuteService autoexecute, SecurityIdentity identity) {
        this.autoexecute = autoexecute;
        this.identity = identity;
    }

    @POST
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Auto-execute a ticket (older name)", deprecated = true, description = "The older name of "
            + "POST /ticket/{ticketId}/autoexecute, kept for clients that still send it: the same query parameters, "
            + "refusal rules, roles, events and answers (200, 207 autoexecute_failed, 409, 400, 503). Honours "
            + "Idempotency-Key.")
    @APIResponse(responseCode = "200", description = "the agent ran", content = @Content(schema = @Schema(implementation = AutoexecuteResponse.class)))
    @APIResponse(responseCode = "207", description = "the run failed; the reason is in error", content = @Content(schema = @Schema(implementation = AutoexecuteResponse.class)))
    public Response autoprocess(@PathParam("ticketId") long ticketId,
            @QueryParam("executeAgentId") @Min(1) Long executeAgentId,
            @QueryParam("allowMultipleIntents") Boolean allowMultipleIntents,
            @QueryParam("allowWithReplies") Boolean allowWithReplies,
            @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        return TicketAutoexecuteResource.run(autoexecute, identity, ticketId, executeAgentId, allowMultipleIntents,
                allowWithReplies, idempotencyKey);
    }
}
