package mind.common.hooks;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import mind.common.client.RemoteErrors;

/**
 * settings-svc's event hooks, called by a service on its own (a hook relay runs with no caller): the
 * Authorization is always given, the calling service's token, and no header of a caller is propagated (no
 * {@code @RegisterClientHeaders}). Its own config key ({@code event-hooks}, settings-svc's URL): hooks may take longer
 * to run than a read of a setting. Use it only through {@link EventHookGateway}.
 */
@Path("/api/mind/settings/event-hook")
@RegisterRestClient(configKey = "event-hooks")
@Produces(MediaType.APPLICATION_JSON)
public interface EventHookClient {

    @GET
    RemoteEventHooks hooks(@HeaderParam("Authorization") String authorization);

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    HookEventsAccepted events(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, HookEvents body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteErrors.classify(EventHookGateway.SERVICE, response);
    }
}
