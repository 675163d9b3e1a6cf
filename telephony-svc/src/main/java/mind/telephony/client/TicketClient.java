package mind.telephony.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

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

    /** Sorts ticket-svc's errors into the ones worth retrying and the ones that are final. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        String message = messageOf(response);
        return switch (status) {
            // 404: the route is missing (a deploy in progress); 409: the same Idempotency-Key is still in
            // flight there; 408/429: busy. All of them may pass.
            case 404, 408, 409, 429 -> new TicketUnavailableException("ticket-svc answered " + status + ": " + message);
            default -> status >= 500
                    ? new TicketUnavailableException("ticket-svc answered " + status + ": " + message)
                    : new TicketRejectedException(status, message);
        };
    }

    private static String messageOf(Response response) {
        try {
            RemoteError error = response.readEntity(RemoteError.class);
            if (error != null && error.error() != null) {
                return error.error();
            }
        } catch (RuntimeException e) {
            // not the Mind error shape (a proxy's page, an empty body): the status says enough
        }
        return "no error message";
    }
}
