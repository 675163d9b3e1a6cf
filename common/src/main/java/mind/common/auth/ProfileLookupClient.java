package mind.common.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * settings-svc's profile read, built programmatically by {@link RemoteProfileDirectory} (so that no
 * service needs a client configuration key for it). Answers the raw response: 404 is data here.
 */
@Path("/api/mind/profile")
public interface ProfileLookupClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
