package mind.settings.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.ApiKeyIdentity;
import mind.common.auth.ApiKeyIdentityProvider;
import mind.common.auth.Callers;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.time.ApiTime;
import mind.settings.service.ApiKeyService;

@Path("/jwt")
@Tag(name = "Profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final SecurityIdentity identity;

    public ApiKeyResource(ApiKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Path("/{profileId}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Issue an API key", description = "A new API key for the profile: {success, token, id, name, "
            + "tokenSuffix, createdAt, expiresAt}. The token (mind_<id>_<secret>) is shown only in this answer: Mind "
            + "keeps the SHA-256 of its secret. Send it as Authorization: Bearer <token> to any service; it acts as "
            + "the profile, with the role and permissions the profile has at the time of each request. name: 1-100 "
            + "characters. expiresAt: optional, default a year from now, at most 730 days ahead, in the future (400 "
            + "naming expiresAt). A profile holds at most 50 usable keys (409 too_many_api_keys). Admin for any "
            + "profile, everyone else for their own (403); a request authenticated by an API key may not issue one "
            + "(403: a leaked key must not be able to outlive its revocation). 404 when the profile is not stored. "
            + "Not idempotent on purpose: a replay would have to store the key; a retried request makes a second key "
            + "(revoke the spare).")
    public ApiKeyIssued issue(@PathParam("profileId") long profileId, @Valid @NotNull ApiKeyIssueRequest body) {
        allowedFor(profileId);
        if (identity.getAttribute(ApiKeyIdentityProvider.KEY_ID) != null) {
            throw new ApiException(403, "forbidden", "An API key cannot issue API keys; use a login token");
        }
        Instant expiresAt = null;
        if (body.expiresAt() != null && !body.expiresAt().isBlank()) {
            try {
                expiresAt = ApiTime.parse(body.expiresAt());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("expiresAt", e.getMessage());
            }
        }
        ApiKeyService.Issued issued = keys.issue(profileId, body.name(), expiresAt, identity.getPrincipal().getName());
        return ApiKeyIssued.of(issued.token(), issued.key());
    }

    @GET
    @Path("/{profileId}/keys")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "List a profile's API keys", description = "{success, keys:[{id, name, tokenSuffix, createdAt, "
            + "expiresAt, lastUsedAt, revokedAt, issuedBy}]}, newest first, revoked and expired ones included; never the "
            + "keys themselves. lastUsedAt is kept to the minute. Admin for any profile, everyone else for their own "
            + "(403). 404 when the profile is not stored.")
    public ApiKeyList list(@PathParam("profileId") long profileId) {
        allowedFor(profileId);
        return new ApiKeyList(true, keys.list(profileId));
    }

    @DELETE
    @Path("/{profileId}/keys/{keyId}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Revoke an API key", description = "Revokes the key: settings-svc refuses it (401) from this "
            + "moment, every other service within mind.auth.api-keys.cache-ttl (5 s). Answers {success:true} with the key "
            + "as the list shows it; revoking it again changes nothing. 404 when the profile has no such key. Admin for "
            + "any profile, everyone else for their own (403); a key may revoke itself.")
    public RevokedApiKey revoke(@PathParam("profileId") long profileId, @PathParam("keyId") long keyId) {
        allowedFor(profileId);
        return new RevokedApiKey(true, keys.revoke(profileId, keyId));
    }

    /** {@code DELETE /jwt/{profileId}/keys/{keyId}}'s answer. */
    public record RevokedApiKey(boolean success, ApiKeyView key) {
    }

    @GET
    @Path("/identity")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Who the caller's credential stands for", description = "{success, profileId, role, permissions, "
            + "keyId, expiresAt}. With an API key: its profile as stored now and the key's id and expiry (the other "
            + "services ask this to resolve a key; an unknown, revoked or expired key is a 401). With a JWT: its subject, "
            + "the first of admin, serviceWorker, agent among its groups, the other groups, keyId null and the token's exp.")
    public ApiKeyIdentityView identity() {
        Object keyId = identity.getAttribute(ApiKeyIdentityProvider.KEY_ID);
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (keyId != null && credential != null) {
            ApiKeyIdentity key = keys.resolve(credential.getToken())
                    .orElseThrow(() -> new ApiException(401, "unauthorized", "API key not valid"));
            return new ApiKeyIdentityView(true, key.profileId(), key.role(), key.permissions().stream().sorted().toList(),
                    key.keyId(), key.expiresAt());
        }
        String role = identity.hasRole(Roles.ADMIN) ? Roles.ADMIN
                : identity.hasRole(Roles.SERVICE_WORKER) ? Roles.SERVICE_WORKER : Roles.AGENT;
        List<String> others = new ArrayList<>(identity.getRoles());
        others.remove(role);
        others.sort(null);
        Instant expiresAt = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0
                ? Instant.ofEpochSecond(jwt.getExpirationTime()) : null;
        return new ApiKeyIdentityView(true, Callers.profileId(identity), role, others, null, expiresAt);
    }

    private void allowedFor(long profileId) {
        if (!identity.hasRole(Roles.ADMIN) && !Callers.isProfile(identity, profileId)) {
            throw new ApiException(403, "forbidden", "Only admin may manage another profile's API keys");
        }
    }

}
