package mind.ticket.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import mind.ticket.service.WorkQueueService;

/** The agent work queue under /ticket: getLatest, ping, stats. */
@Path("/ticket")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkQueueResource {

    private final WorkQueueService service;
    private final SecurityIdentity identity;

    public WorkQueueResource(WorkQueueService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/getLatest")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    // it claims a ticket but asks settings-svc first, so no transaction is held around it
    @Idempotent(atomic = false)
    @Operation(operationId = "getLatestTicket", summary = "Get next ticket id to work on",
            description = "Hands the calling agent (token subject) the next open ticket in the order set by settings-svc's "
                    + "ticketRoutingOrder (slaDue | priorityThenSla (default) | priorityThenNewestCustomerMessage | "
                    + "priorityThenOldestCustomerMessage; no SLA counts as 2099-12-31; ties by id), limited to unassigned "
                    + "tickets or the caller's own, to the caller's skills (profile settings.skills, ALL or AT_LEAST_ONE "
                    + "per settings.skillMatch; no profile or no skills: no restriction) and to the filters. The ticket is "
                    + "claimed exclusively for ticketLeaseSeconds (default 300), renewed by ping; an agent holds one claim. "
                    + "earliest gives back the ticket the caller holds while it is open and matches, else the first free "
                    + "one; next/previous give up the caller's claim and claim the first free ticket after/before ticketId. "
                    + "Answers ticketId null when no free ticket matches. 503 when settings-svc cannot tell the caller's "
                    + "skills (order and lease fall back to their defaults).")
    public GetLatestResponse getLatest(GetLatestRequest body) {
        return service.getLatest(identity.getPrincipal().getName(), body);
    }

    @GET
    @Path("/{ticketId}/ping")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Ping a ticket", description = "Marks the caller present on the ticket for "
            + "mind.ticket.queue.presence-ttl (60 s; the frontend pings every 30 s), renews the caller's claim on it if "
            + "they hold one, and answers workedOnBy: everyone present, the caller included, as users (names from "
            + "settings-svc; id and lastSeen only when it cannot be reached). No ETag: the answer changes with every ping.")
    public PingResponse ping(@PathParam("ticketId") long ticketId) {
        return service.ping(ticketId, identity.getPrincipal().getName());
    }

    @GET
    @Path("/stats")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get ticket stats", description = "Unfinished tickets (every status but closed and resolved): the "
            + "total, how many open ones are claimed, and counts by status, channel, priority, tag and assigned agent, "
            + "computed in SQL. intents stays empty until ticket-svc stores intents.")
    public TicketStatsView stats() {
        return service.stats();
    }
}
