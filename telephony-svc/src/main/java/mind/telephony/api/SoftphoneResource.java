package mind.telephony.api;


import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.Roles;
import mind.telephony.service.SoftphoneTokens;

/** The token an agent's softphone (WebRTC client) presents to the phone gateway. */
@Path("/telephony")
@Tag(name = "Telephony")
@Produces(MediaType.APPLICATION_JSON)
public class SoftphoneResource {

    private final SoftphoneTokens tokens;
    private final SecurityIdentity identity;

    public SoftphoneResource(SoftphoneTokens tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @GET
    @Path("/getToken")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Softphone token", description = """
            A short-lived token for the caller's own softphone, always for the caller (the token's sub, or the \
            X-Enneo-On-Behalf-Of profile): {success, token, expiresAt (ISO-8601, UTC), expiresIn (seconds)}. The \
            token is an HS256 JWT signed with mind.telephony.softphone.signing-key, the key the phone gateway checks \
            it with; claims: iss (mind.telephony.softphone.issuer, mind-telephony), aud \
            (mind.telephony.softphone.audience, mind-softphone), sub (the agent's profile id), iat, nbf, exp \
            (iat + mind.telephony.softphone.ttl, 5 min), jti (unique), scope "softphone"; header kid when \
            mind.telephony.softphone.key-id is set. Sent with Cache-Control: no-store. No key configured: 501 \
            softphone_not_configured. Roles: agent, admin (service workers have no softphone: 403).""")
    public RestResponse<SoftphoneToken> getToken() {
        SoftphoneTokens.Issued issued = tokens.issue(identity.getPrincipal().getName());
        SoftphoneToken body = new SoftphoneToken(true, issued.token(), issued.expiresAt().toString(), issued.expiresIn());
        // a credential: no cache on the way may keep it
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** The answer of getToken; expiresAt in ISO-8601 (UTC), expiresIn in seconds. */
    public record SoftphoneToken(boolean success, String token, String expiresAt, long expiresIn) {
    }
}
