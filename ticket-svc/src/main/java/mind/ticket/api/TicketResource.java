package mind.ticket.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.IdempotencyInterceptor;
import mind.common.idempotency.Idempotent;
import mind.common.persistence.Versioned;
import mind.ticket.service.NewTicket;
import mind.ticket.service.TicketService;

@Path("/ticket")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
public class TicketResource {

    private final TicketService service;
    private final SecurityIdentity identity;

    public TicketResource(TicketService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a ticket", description = "Creates a ticket and returns it with full data. When "
            + "externalTicketId names an existing ticket, that ticket is updated instead (upsert): it keeps its "
            + "direction (a different one is a 400) and its channel (a different one is ignored), and its "
            + "lastMessageAt/lastCustomerMessageAt move forward only, to a later createdAt sent; that needs the "
            + "admin or agent role or the updateTicket permission (a serviceWorker token without it gets 403 "
            + "forbidden; creating new tickets needs no more than before). Only channel is required. Defaults: direction in, status open, priority low, interface internal, aiSupportLevel "
            + "unprocessed (human with process=false). Honours Idempotency-Key. templateId/templateData are "
            + "accepted but not rendered yet. events (internal, service tokens only) appends activity entries "
            + "another service reports with the ticket, as POST /ticket/{ticketId}/events would one by one.")
    public Uni<TicketView> create(
            @Parameter(description = "realtime | batch | false: whether AI agents run on the new ticket")
            @QueryParam("process") @Pattern(regexp = "realtime|batch|false", message = "must be one of [realtime, batch, false]") String process,
            @Valid @NotNull TicketCreateRequest body, @Context HttpHeaders headers) {
        if (body.events() != null && !body.events().isEmpty() && !identity.hasRole(Roles.SERVICE_WORKER)) {
            throw new ApiException(403, "forbidden", "events: reporting activity entries needs a service token (serviceWorker)");
        }
        boolean mayOverwrite = identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.AGENT)
                || identity.hasRole(Roles.UPDATE_TICKET);
        NewTicket data = body.toNewTicket(!"false".equals(process));
        String actor = identity.getPrincipal().getName();
        if (TicketService.insertsWithoutBlocking(data, headers.getLength())
                && headers.getHeaderString(IdempotencyInterceptor.HEADER) == null) {
            // a new ticket: one statement on this event loop, no worker thread
            return service.createNonBlocking(data, actor);
        }
        // an upsert (a lookup under the external id's lock, in a transaction), a large request, or an Idempotency-Key
        // (its answer is stored with the ticket): on a worker thread, on this request's Vert.x context, where its CDI
        // request context lives (Mutiny's stages carry no context here: common's mp.context.ThreadContext.unchanged)
        return VertxContextSupport.executeBlocking(() -> createBlocking(data, actor, mayOverwrite));
    }

    /** POST /ticket's blocking path, which honours Idempotency-Key (a replay answers what the first request did). */
    @Idempotent
    TicketView createBlocking(NewTicket data, String actor, boolean mayOverwrite) {
        return service.create(data, actor, mayOverwrite);
    }

    @GET
    @Path("/{ticketId}")
    @Operation(summary = "Get a ticket (full data)", description = "Ticket fields at the top level next to "
            + "success:true. The ETag header carries the ticket's version for If-Match on later updates. tags lists "
            + "{id, name} in the order of tagIds, with the names settings-svc gives its tags as ticket-svc holds them "
            + "(refreshed in the background, at most mind.ticket.tags.ttl old); name is null while it is not at hand "
            + "(settings-svc not yet read or unreachable, or a tag made since the last read). The intents key is "
            + "there only with includeIntents=true.")
    public Uni<RestResponse<TicketView>> get(@PathParam("ticketId") long ticketId,
            @Parameter(description = "true: the answer carries intents, the intents detected on the ticket (none are "
                    + "stored yet: an empty list, as in search rows); otherwise the key is left out")
            @QueryParam("includeIntents") Boolean includeIntents) {
        // read on the event loop by the non-blocking client: no worker thread, no blocking socket read
        if (Boolean.TRUE.equals(includeIntents)) {
            return service.get(ticketId).map(found -> found.ok(found.value().withIntents(List.of())));
        }
        return service.get(ticketId).map(Versioned::ok);
    }
}
