package mind.ticket.support;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Test-only endpoints whose JSON cannot be written or read because of a bug on the server's side,
 * never because of the client's request.
 */
@Path("/test-support/json")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JsonFailureResource {

    /** Two properties with one JSON name: Jackson refuses the type itself (InvalidDefinitionException). */
    public static final class Conflicting {
        @JsonProperty("name")
        public String first = "a";
        @JsonProperty("name")
        public String second = "b";
    }

    /** A getter that fails while the response is written. */
    public static final class FailingGetter {
        public String getName() {
            throw new IllegalStateException("select secret from ticket.ticket");
        }
    }

    /** An abstract body type Jackson cannot construct. */
    public interface NoCreator {
        String name();
    }

    @GET
    @Path("/conflictingProperties")
    public Conflicting conflictingProperties() {
        return new Conflicting();
    }

    @GET
    @Path("/failingGetter")
    public List<FailingGetter> failingGetter() {
        return List.of(new FailingGetter());
    }

    @POST
    @Path("/noCreator")
    public String noCreator(NoCreator body) {
        return "\"read\"";
    }
}
