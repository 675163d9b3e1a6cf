package mind.common.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The identity of an API key: principal = its profile's id, roles = the profile's base role and
 * permissions (as {@code X-Enneo-On-Behalf-Of} builds them), and the key as the access-token credential,
 * so that calls to other services carry it as they carry a JWT. An unknown, revoked or expired key fails
 * authentication (401); the reason is not told, and the key never appears in a message or a log line.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    /** Attribute holding the id of the API key a request came with. */
    public static final String KEY_ID = "mind.api-key.id";

    private final ApiKeyDirectory directory;

    public ApiKeyIdentityProvider(ApiKeyDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> directory.resolve(request.key())
                .map(key -> identity(key, request.key(), routingContext))
                .orElseThrow(() -> new AuthenticationFailedException("API key not valid")));
    }

    private static SecurityIdentity identity(ApiKeyIdentity key, String token, RoutingContext routingContext) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Long.toString(key.profileId())))
                .addRole(key.role())
                .addRoles(key.permissions())
                .addCredential(new AccessTokenCredential(token))
                .addAttribute(KEY_ID, key.keyId());
        if (routingContext != null) {
            identity.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return identity.build();
    }
}
