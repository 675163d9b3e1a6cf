package mind.qualitycheck.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

/**
 * aiagent-svc's agent API. Calls made for a user propagate the user's Authorization header; the
 * worker's calls name the service token explicitly. Use it only through {@link AiAgentGateway}.
 */
@Path("/api/mind/aiAgent")
@RegisterRestClient(configKey = "aiagent")
@RegisterClientHeaders
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AiAgentClient {

    @GET
    @Path("/{id}")
    AgentRef agent(@PathParam("id") String id);

    @POST
    @Path("/outcome")
    Outcome outcome(@HeaderParam("Authorization") String authorization, OutcomeRequest body);

    /** A 404 is data (the agent or ticket is unknown there), not a route missing during a deploy. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        RuntimeException classified = RemoteErrors.classify(AiAgentGateway.SERVICE, response);
        if (response.getStatus() == 404 && classified instanceof RemoteCallException call) {
            return new RemoteRejectedException(AiAgentGateway.SERVICE, 404, call.code(), call.getMessage());
        }
        return classified;
    }
}
