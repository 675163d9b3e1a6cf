package mind.telephony.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;

/**
 * ticket-svc's ticket API. The caller's Authorization header is propagated
 * ({@code org.eclipse.microprofile.rest.client.propagateHeaders}), so ticket-svc sees the same user.
 * Use it only through {@link TicketGateway}.
 */
@Path("/api/mind/ticket")
@RegisterRestClient(configKey = "ticket")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TicketClient {

    @POST
    CreatedTicket create(@QueryParam("process") String process,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            TicketDraft body);

    /** The ticket (what telephony reads of it); ticket-svc's 404 not_found when there is none. */
    @GET
    @Path("/{ticketId}")
    CreatedTicket get(@PathParam("ticketId") long ticketId);

    /** Sorts ticket-svc's errors into the ones worth retrying and the ones that are final. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteErrors.classify(TicketGateway.SERVICE, response);
    }
}
