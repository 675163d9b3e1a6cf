package mind.ticket.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;

/**
 * settings-svc's profiles: an agent's skills and how they must match a ticket's. Called with the
 * caller's own token. Use it only through {@link SettingsProfiles}.
 */
@Path("/api/mind/profile")
@RegisterRestClient(configKey = "settings")
@Produces(MediaType.APPLICATION_JSON)
public interface SettingsProfileClient {

    @GET
    @Path("/{id}")
    Response get(@PathParam("id") String profileId, @HeaderParam("Authorization") String authorization);

    /** A 404 is left to {@link SettingsProfiles}, which tells a missing profile (data) from a missing route. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return response.getStatus() == 404 ? null : RemoteErrors.classify(SettingsProfiles.SERVICE, response);
    }
}
