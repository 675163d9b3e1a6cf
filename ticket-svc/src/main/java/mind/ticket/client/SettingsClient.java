package mind.ticket.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;

/**
 * settings-svc's profiles, settings and tags. The caller's Authorization header is propagated
 * ({@code org.eclipse.microprofile.rest.client.propagateHeaders}). Use it only through {@link SettingsGateway}.
 */
@Path("/api/mind")
@RegisterRestClient(configKey = "settings")
@RegisterClientHeaders
@Produces(MediaType.APPLICATION_JSON)
public interface SettingsClient {

    @GET
    @Path("/profile/{id}")
    RemoteProfile profile(@PathParam("id") String id);

    @GET
    @Path("/settings")
    List<RemoteSetting> settings(@QueryParam("filterByName") String name);

    @GET
    @Path("/settings/subchannel/{id}")
    RemoteSubchannel subchannel(@PathParam("id") long id);

    /**
     * Every tag, without blocking. The Authorization is given, not only propagated: the call may be retried after the
     * request that started it has ended (when no incoming header is left to propagate), and a browser's request
     * brings its token as a cookie. When the request is still running, the propagated header is the same token.
     */
    @GET
    @Path("/tag")
    Uni<RemoteTags> tags(@HeaderParam("Authorization") String authorization, @QueryParam("format") String format,
            @QueryParam("includeDisabled") boolean includeDisabled);

    /**
     * A 404 in the Mind error shape with code {@code not_found} is an answer (no such profile), kept
     * apart from a 404 of a missing route (a deploy in progress), which is worth retrying.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            try {
                JsonNode body = JsonMapper.builder().build().readTree(response.readEntity(String.class));
                if (body != null && "not_found".equals(body.path("code").asText(null))) {
                    return new RemoteRejectedException(SettingsGateway.SERVICE, 404, "not_found", "not found");
                }
            } catch (Exception e) {
                // not the Mind error shape: a route that is missing
            }
            return RemoteErrors.classify(SettingsGateway.SERVICE, Response.status(404).build());
        }
        return RemoteErrors.classify(SettingsGateway.SERVICE, response);
    }
}
