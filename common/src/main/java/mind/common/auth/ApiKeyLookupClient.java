package mind.common.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * settings-svc's answer to "who is this key", built programmatically by {@link RemoteApiKeyDirectory}.
 * The key authenticates the call itself; 401 is data here (the key is not valid).
 */
@Path("/api/mind/jwt")
public interface ApiKeyLookupClient {

    @GET
    @Path("/identity")
    @Produces(MediaType.APPLICATION_JSON)
    Response identity(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
