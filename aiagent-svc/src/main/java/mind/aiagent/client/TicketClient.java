package mind.aiagent.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;

/**
 * ticket-svc's ticket API. The caller's Authorization header is propagated, so ticket-svc applies its
 * own permissions to the caller (the activity event goes through {@link TicketEventClient}). Use it only
 * through {@link TicketGateway}.
 */
@Path("/api/mind/ticket")
@RegisterRestClient(configKey = "ticket")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TicketClient {

    @GET
    @Path("/{id}")
    JsonNode get(@PathParam("id") long id);

    @PATCH
    @Path("/{id}")
    JsonNode patch(@PathParam("id") long id, @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body);

    @POST
    @Path("/{id}/conversation/reply")
    JsonNode reply(@PathParam("id") long id, @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body);

    @POST
    @Path("/search")
    JsonNode search(JsonNode body);

    /** ticket-svc's own "no such ticket" is a RemoteNotFoundException, read as data; the rest as RemoteErrors sorts it. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteErrors.classifyRead(TicketGateway.SERVICE, response);
    }
}
