package mind.common.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes a bearer token that {@link VerifiedTokens} knows straight to the identity providers, before
 * quarkus-oidc's mechanism sees the request: that one builds a new credential for every request,
 * and the credential's constructor decodes the token's payload as JSON to tell a JWT from an opaque
 * token (4% of a GET's CPU, for a token already verified). The request goes on exactly as before,
 * with the credential quarkus-oidc built when it verified the token: through the identity providers
 * ({@link CachedTokenIdentityProvider} answers it, checking expiry again) and every augmentor
 * (on-behalf-of, acting profile), so the identity is the same.
 *
 * <p>A token the cache does not hold, no token, or any other scheme is left to quarkus-oidc
 * (this mechanism answers nothing), which also sends the challenge of a 401.
 */
@ApplicationScoped
public class CachedBearerMechanism implements HttpAuthenticationMechanism {

    private final VerifiedTokens tokens;

    public CachedBearerMechanism(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = BearerHeader.token(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        VerifiedTokens.Verified verified = tokens.find(token);
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        AccessTokenCredential credential = verified.accessToken();
        if (credential == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new TokenAuthenticationRequest(credential), context));
    }

    /** quarkus-oidc's mechanism sends the challenge. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** Before quarkus-oidc's mechanism (which has the default priority). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
