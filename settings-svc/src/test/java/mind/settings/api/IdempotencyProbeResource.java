package mind.settings.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;

/**
 * Test-only endpoints shaped like the resources to come: {@code @Context} parameters next to the
 * body, a stream body, and Responses that carry ETag, Location, Retry-After and their own
 * Content-Type. Each answer says how many times the method ran, so a replay is told from a re-run.
 * Served under settings-svc's own prefix and hidden from the OpenAPI document.
 */
@Path("/settings/idempotency-probe")
@RolesAllowed(Roles.ADMIN)
public class IdempotencyProbeResource {

    static final AtomicInteger RUNS = new AtomicInteger();

    public record ProbeRequest(String name, JsonNode data) {
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response create(@Context UriInfo uri, @Context SecurityContext security, @QueryParam("mode") String mode,
            ProbeRequest body) {
        int run = RUNS.incrementAndGet();
        return Response.created(URI.create(uri.getPath() + "/" + run))
                .tag(new EntityTag(Integer.toString(run)))
                .entity(Map.of("run", run, "name", body.name(), "mode", String.valueOf(mode),
                        "user", security.getUserPrincipal().getName()))
                .build();
    }

    @POST
    @Path("/raw")
    @Idempotent(atomic = false)
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response raw(InputStream body, @Context HttpHeaders headers) throws IOException {
        int run = RUNS.incrementAndGet();
        int length = body.readAllBytes().length;
        return Response.accepted("run " + run + ": " + length + " bytes of " + headers.getMediaType())
                .type(MediaType.TEXT_PLAIN_TYPE)
                .header(HttpHeaders.RETRY_AFTER, "7")
                .build();
    }
}
