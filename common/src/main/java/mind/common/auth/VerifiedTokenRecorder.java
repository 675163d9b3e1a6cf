package mind.common.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/** Keeps each identity quarkus-oidc verified from a bearer token in {@link VerifiedTokens}. */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    /** Marks identities served by {@link CachedTokenIdentityProvider}: they are in the cache already. */
    static final String FROM_CACHE = "mind.verified-token-cache";

    private final VerifiedTokens tokens;

    public VerifiedTokenRecorder(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        // an identity acting on someone's behalf is never the token's own (OnBehalfOf runs later; this guards the order)
        if (!identity.isAnonymous() && identity.getAttribute(FROM_CACHE) == null && identity.getAttribute(OnBehalfOf.ACTOR) == null) {
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            if (credential != null) {
                tokens.remember(credential.getToken(), identity);
            }
        }
        return Uni.createFrom().item(identity);
    }
}
