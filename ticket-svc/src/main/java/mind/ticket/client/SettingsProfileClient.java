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
import mind.common.client.RemoteRejectedException;

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
    AgentProfile get(@PathParam("id") String profileId, @HeaderParam("Authorization") String authorization);

    /**
     * settings-svc's own "no such profile" (a 404 in the Mind error shape, code {@code not_found}) becomes
     * {@link ProfileNotFound}, which {@link SettingsProfiles} reads as data; any other 404 is a route that is
     * missing right now (unavailable), as {@link RemoteErrors} sorts it.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            String body = response.readEntity(String.class);
            if (body != null && body.contains("\"code\":\"not_found\"")) {
                return new ProfileNotFound();
            }
            return RemoteErrors.classify(SettingsProfiles.SERVICE, Response.status(404).entity(body).build());
        }
        return RemoteErrors.classify(SettingsProfiles.SERVICE, response);
    }

    /** settings-svc has no such profile. Final: never retried. */
    final class ProfileNotFound extends RemoteRejectedException {
        public ProfileNotFound() {
            super(SettingsProfiles.SERVICE, 404, "not_found", "no such profile");
        }
    }
}
