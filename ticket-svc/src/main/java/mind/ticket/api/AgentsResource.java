package mind.ticket.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.Roles;
import mind.ticket.service.WorkQueueService;

@Path("/agents")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

    private final WorkQueueService service;
    private final SecurityIdentity identity;

    public AgentsResource(WorkQueueService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("/queue")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(operationId = "getAgentQueueStatus", summary = "Get agent queue status", description = "Tickets waiting "
            + "(open, unassigned, unclaimed, matching the caller's skills) per channel; agentQueue = waiting / active agents "
            + "(agents with a live claim or ping), -1 when none is active; liveConversationPossible for chat and phone = "
            + "an agent is active; expectedWaitingTime[channel] = ceil(waiting x average claim-to-close seconds of the "
            + "channel's recent closes (mind.ticket.queue.handling-window, handling-samples; default-handling-seconds "
            + "without any) / active agents), -1 when none is active.")
    public AgentQueueView queue() {
        return service.agentQueue(identity.getPrincipal().getName());
    }
}
