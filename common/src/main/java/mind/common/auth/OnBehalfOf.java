package mind.common.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import mind.common.error.ApiException;
import mind.common.error.FieldError;

/**
 * {@code X-Enneo-On-Behalf-Of: {profileId}}: an admin or service-worker token acts as another profile.
 * The token is verified first as always (this runs after quarkus-oidc, or after the verified-token
 * cache); then, when the header is present, the identity becomes the named profile's: principal = the
 * profile id, roles = its base role and its permissions (none of the caller's own). The original
 * principal stays available as the {@link #ACTOR} attribute, and the token as credential, so calls to
 * other services still carry it.
 *
 * <p>Any other caller using the header gets 403; a header that is not a profile id, or names no
 * profile, gets 400 naming the header; profiles unreachable gives 503. Runs after
 * {@link VerifiedTokenRecorder}, so the token cache keeps the caller's own identity, never the acted one.
 */
@ApplicationScoped
public class OnBehalfOf implements SecurityIdentityAugmentor {

    public static final String HEADER = "X-Enneo-On-Behalf-Of";
    /** Attribute holding the principal name of the token that acts on someone's behalf. */
    public static final String ACTOR = "mind.on-behalf-of.actor";

    private final ProfileDirectory directory;

    public OnBehalfOf(ProfileDirectory directory) {
        this.directory = directory;
    }

    /** Below VerifiedTokenRecorder's 0: the recorder has kept the verified identity before this replaces it. */
    @Override
    public int priority() {
        return -1000;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(ACTOR) != null) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext request = identity.getAttribute(RoutingContext.class.getName());
        String header = request == null ? null : request.request().getHeader(HEADER);
        if (header == null) {
            return Uni.createFrom().item(identity);
        }
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.SERVICE_WORKER)) {
            return Uni.createFrom().failure(new ApiException(403, "forbidden",
                    "Only admin and serviceWorker tokens may use " + HEADER));
        }
        long profileId = profileId(header);
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            return Uni.createFrom().failure(new ApiException(403, "forbidden", HEADER + " needs a bearer token"));
        }
        return context.runBlocking(() -> directory.find(profileId, token.getToken())
                .map(profile -> acting(identity, profile))
                .orElseThrow(() -> invalid("no profile with id " + profileId)));
    }

    private static SecurityIdentity acting(SecurityIdentity caller, ActingProfile profile) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Long.toString(profile.id())))
                .addRole(profile.role())
                .addRoles(profile.permissions())
                .addCredentials(caller.getCredentials())
                .addAttributes(caller.getAttributes())
                .addAttribute(ACTOR, caller.getPrincipal().getName())
                .build();
    }

    private static long profileId(String header) {
        try {
            long id = Long.parseLong(header.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("must be a profile id (a positive integer)");
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, ApiException.VALIDATION_FAILED, HEADER + ": " + message,
                List.of(new FieldError(HEADER, message)), null);
    }
}
