package mind.common.auth;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The profile a request acts for. The principal's name is that profile's id in every case: a JWT's {@code sub}
 * ({@code quarkus.oidc.token.principal-claim=sub}, shared config), the profile of an {@code X-Enneo-On-Behalf-Of}
 * request ({@link OnBehalfOf}), or the profile an API key belongs to ({@link ApiKeyIdentityProvider}).
 */
public final class Callers {

    private Callers() {
    }

    /** The caller's profile id, or null when the principal's name is not one (a service token's own subject). */
    public static Long profileId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        String name = identity.getPrincipal().getName();
        if (name == null) {
            return null;
        }
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the request acts for that profile. */
    public static boolean isProfile(SecurityIdentity identity, long profileId) {
        Long caller = profileId(identity);
        return caller != null && caller == profileId;
    }
}
