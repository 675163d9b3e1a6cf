package mind.ticket.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;

/**
 * aiagent-svc's agent API. The caller's Authorization header is propagated
 * ({@code org.eclipse.microprofile.rest.client.propagateHeaders}), so aiagent-svc sees the same user.
 * Use it only through {@link AiAgentGateway}.
 */
@Path("/api/mind/aiAgent")
@RegisterRestClient(configKey = "aiagent")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AiAgentClient {

    @POST
    @Path("/outcome")
    Outcome outcome(@HeaderParam("Idempotency-Key") String idempotencyKey, OutcomeRequest body);

    /**
     * Sorts aiagent-svc's errors into the ones worth retrying and the final ones. A 404 is read as
     * data (the agent or ticket is unknown there), not as a route missing during a deploy.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        RuntimeException classified = RemoteErrors.classify(AiAgentGateway.SERVICE, response);
        if (response.getStatus() == 404 && classified instanceof mind.common.client.RemoteCallException call) {
            return new RemoteRejectedException(AiAgentGateway.SERVICE, 404, call.code(), call.getMessage());
        }
        return classified;
    }
}
