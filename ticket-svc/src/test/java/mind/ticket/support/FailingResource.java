package mind.ticket.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Test-only endpoint (compiled with the tests, never shipped) that fails the way a bug would, so
 * that the 500 path of the error shape can be checked over HTTP.
 */
@Path("/test-support/failure")
@PermitAll
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("select secret from ticket.ticket -- at mind.ticket.Internal");
    }
}
