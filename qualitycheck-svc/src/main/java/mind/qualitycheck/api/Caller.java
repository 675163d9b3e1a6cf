package mind.qualitycheck.api;

import io.quarkus.security.identity.SecurityIdentity;

/** The calling user's id (the token's subject) for createdBy/modifiedBy; null for a non-numeric subject. */
final class Caller {

    private Caller() {
    }

    static Long userId(SecurityIdentity identity) {
        String name = identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
