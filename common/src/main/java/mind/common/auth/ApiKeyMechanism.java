package mind.common.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Authorization: Bearer mind_...}: an API key (see {@link ApiKeys}), resolved by
 * {@link ApiKeyIdentityProvider}. Runs before the JWT mechanisms and answers nothing for any other
 * token, so JWTs take their usual way; a key that is not valid is a 401 (it never falls through to
 * quarkus-oidc, which would only refuse it as a malformed JWT).
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = BearerHeader.token(context);
        if (!ApiKeys.looksLikeKey(token)) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(token), context));
    }

    /** quarkus-oidc's mechanism sends the challenge. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    /** Before the verified-token cache's mechanism and quarkus-oidc's. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 200;
    }
}
