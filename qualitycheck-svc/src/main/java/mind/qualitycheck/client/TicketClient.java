package mind.qualitycheck.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteCallException;
import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;

/** ticket-svc's ticket read. Use it only through {@link TicketGateway}. */
@Path("/api/mind/ticket")
@RegisterRestClient(configKey = "ticket")
@RegisterClientHeaders
@Produces(MediaType.APPLICATION_JSON)
public interface TicketClient {

    /** For a user's request: the user's token is propagated. */
    @GET
    @Path("/{id}")
    TicketRef ticket(@PathParam("id") long id);

    /** For the worker: the service token is named. */
    @GET
    @Path("/{id}")
    TicketRef ticketAs(@HeaderParam("Authorization") String authorization, @PathParam("id") long id);

    /** A 404 is data (no such ticket). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        RuntimeException classified = RemoteErrors.classify(TicketGateway.SERVICE, response);
        if (response.getStatus() == 404 && classified instanceof RemoteCallException call) {
            return new RemoteRejectedException(TicketGateway.SERVICE, 404, call.code(), call.getMessage());
        }
        return classified;
    }
}
