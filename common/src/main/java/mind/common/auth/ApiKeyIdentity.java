package mind.common.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who an API key stands for: its profile (the principal), that profile's base role and permissions as
 * they are now, and the key's own id and expiry.
 */
public record ApiKeyIdentity(long profileId, String role, Set<String> permissions, long keyId, Instant expiresAt) {

    public ApiKeyIdentity {
        permissions = Set.copyOf(permissions);
    }
}
