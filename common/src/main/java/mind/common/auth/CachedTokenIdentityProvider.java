package mind.common.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a bearer token from {@link VerifiedTokens} when it was verified before; otherwise answers
 * nothing, and quarkus-oidc's own provider (the next one, by priority) verifies it, after which
 * {@link VerifiedTokenRecorder} keeps the result.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    public CachedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider, which has the default priority. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        VerifiedTokens.Verified verified = tokens.find(request.getToken().getToken());
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.principal())
                .addRoles(verified.roles())
                .addCredentials(verified.credentials())
                .addAttributes(verified.attributes())
                .addAttribute(VerifiedTokenRecorder.FROM_CACHE, Boolean.TRUE);
        // what quarkus-oidc attaches for the current request, never a previous one's
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        OidcUtils.setRoutingContextAttribute(identity, routingContext);
        OidcUtils.setBlockingApiAttribute(identity, routingContext);
        return Uni.createFrom().item(identity.build());
    }
}
