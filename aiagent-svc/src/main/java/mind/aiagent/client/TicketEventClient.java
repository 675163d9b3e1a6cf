package mind.aiagent.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * ticket-svc's activity events, which it accepts from services only: this client carries the service
 * token and, unlike {@link TicketClient}, does not propagate the caller's Authorization header (which
 * would replace it). Use it only through {@link TicketGateway}.
 */
@Path("/api/mind/ticket")
@RegisterRestClient(configKey = "ticket")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TicketEventClient {

    @POST
    @Path("/{id}/events")
    JsonNode event(@PathParam("id") long id, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Authorization") String serviceAuthorization, JsonNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return TicketClient.toException(response);
    }
}
