package mind.telephony.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/** The phone provider's test call endpoint, built for its configured URL by {@code TelephonyAdmin}. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ProviderClient {

    @POST
    JsonNode call(JsonNode body);
}
