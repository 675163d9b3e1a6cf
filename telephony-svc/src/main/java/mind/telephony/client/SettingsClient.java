package mind.telephony.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
 * settings-svc: agents' profiles and routing statuses, the ACD settings. The token is passed
 * explicitly (the caller's for reads in a request, the service token for outbox deliveries).
 * Use it only through {@link SettingsGateway}.
 */
@Path("/api/mind")
@RegisterRestClient(configKey = "settings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SettingsClient {

    @GET
    @Path("/profile/{id}")
    AgentProfile profile(@PathParam("id") long id, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/profiles")
    List<AgentProfile> profiles(@QueryParam("limit") int limit, @QueryParam("offset") int offset,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/settings")
    List<JsonNode> settings(@QueryParam("filterByName") List<String> names, @HeaderParam("Authorization") String authorization);

    /** Sets several settings at once, all or nothing ({@code {name: value, ...}}). */
    @POST
    @Path("/settings")
    JsonNode saveSettings(@HeaderParam("Authorization") String authorization, JsonNode values);

    @PATCH
    @Path("/profile/{id}/routingStatus")
    JsonNode routingStatus(@PathParam("id") long id, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteErrors.classify(SettingsGateway.SERVICE, response);
    }
}
