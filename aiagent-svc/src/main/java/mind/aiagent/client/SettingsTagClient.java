package mind.aiagent.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;

/** settings-svc's tags, with the caller's token. Use it only through {@link SettingsGateway}. */
@Path("/api/mind/tag")
@RegisterRestClient(configKey = "settings")
@RegisterClientHeaders
@Produces(MediaType.APPLICATION_JSON)
public interface SettingsTagClient {

    @GET
    JsonNode tags(@QueryParam("type") String type, @QueryParam("format") String format);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteErrors.classify(SettingsGateway.SERVICE, response);
    }
}
