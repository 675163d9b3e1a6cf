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
        return profileId(identity.getPrincipal().getName());
    }

    /**
     * The profile id a principal's name stands for (a profile's token, key or on-behalf-of request), or null when it
     * is not one: a service token's subject, or anything but 1 to 18 digits.
     */
    public static Long profileId(String principalName) {
        if (principalName == null || principalName.isEmpty() || principalName.length() > 18) {
            return null;
        }
        for (int i = 0; i < principalName.length(); i++) {
            char c = principalName.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.valueOf(principalName);
    }

    /** The principal's name as an id on the wire: a profile's as a number, any other subject as its text. */
    public static Object wireId(String principalName) {
        Long profile = profileId(principalName);
        return profile != null ? profile : principalName;
    }

    /** Whether the request acts for that profile. */
    public static boolean isProfile(SecurityIdentity identity, long profileId) {
        Long caller = profileId(identity);
        return caller != null && caller == profileId;
    }
}
