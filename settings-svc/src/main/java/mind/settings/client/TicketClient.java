package mind.settings.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;

/**
 * ticket-svc's ticket search, behind {@code GET /profile}'s tickets and {@code GET /profile/{id}/routing}, and one
 * ticket's full data for {@code POST /tag/{id}/detect}. One
 * ticket is read by its id through the search too: a search records nothing, unlike a GET, which marks the
 * ticket as viewed. The caller's Authorization header is propagated, so ticket-svc applies its own permissions
 * to the caller. Use it only through {@link TicketGateway}.
 */
@Path("/api/mind/ticket")
@RegisterRestClient(configKey = "ticket")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TicketClient {

    @POST
    @Path("/search")
    JsonNode search(JsonNode body);

    /** One ticket's full data, without recording a view ({@code viewing=false}). */
    @GET
    @Path("/{id}")
    JsonNode get(@PathParam("id") long id, @QueryParam("viewing") boolean viewing,
            @QueryParam("includeCustomer") boolean includeCustomer);

    /** ticket-svc's own "no such ticket" is a RemoteNotFoundException; everything else as RemoteErrors sorts it. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteErrors.classifyRead(TicketGateway.SERVICE, response);
    }
}
