package mind.telephony.onbehalf;

import java.util.Map;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.OnBehalfOf;
import mind.common.auth.Roles;

/** Test-only: shows the identity a request runs as. */
@Path("/test-support/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    private final SecurityIdentity identity;

    public WhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    public Map<String, Object> whoami() {
        Object actor = identity.getAttribute(OnBehalfOf.ACTOR);
        return Map.of("principal", identity.getPrincipal().getName(), "roles", new TreeSet<>(identity.getRoles()),
                "actor", actor == null ? "" : actor);
    }
}
