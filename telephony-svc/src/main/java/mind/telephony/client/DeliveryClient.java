package mind.telephony.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;

/**
 * ticket-svc's endpoints the outbox delivers to. No caller's header is propagated (deliveries run
 * outside any request): the service token is passed explicitly. Use it only through {@link OutboxDeliveries}.
 */
@Path("/api/mind/ticket")
@RegisterRestClient(configKey = "ticket")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface DeliveryClient {

    @POST
    CreatedTicket create(@QueryParam("process") String process, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode draft);

    @POST
    @Path("/{ticketId}/events")
    JsonNode appendEvent(@PathParam("ticketId") long ticketId, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body);

    @PATCH
    @Path("/{ticketId}")
    JsonNode patch(@PathParam("ticketId") long ticketId, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body);

    @POST
    @Path("/{ticketId}/conversation/store")
    JsonNode storeConversation(@PathParam("ticketId") long ticketId, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteErrors.classify(TicketGateway.SERVICE, response);
    }
}
