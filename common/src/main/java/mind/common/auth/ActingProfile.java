package mind.common.auth;

import java.util.Set;

/**
 * The profile a request acts as under {@code X-Enneo-On-Behalf-Of}: its id (the sub of its own tokens),
 * its base role ({@code admin}, {@code agent}, {@code serviceWorker}) and the enneo permission names the
 * role grants.
 */
public record ActingProfile(long id, String role, Set<String> permissions) {

    public ActingProfile {
        permissions = Set.copyOf(permissions);
    }
}
