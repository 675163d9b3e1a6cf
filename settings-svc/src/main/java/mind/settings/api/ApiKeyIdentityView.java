package mind.settings.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /jwt/identity}: who the caller's credential stands for. The other services ask this with an
 * API key to learn its profile, role and permissions.
 */
public record ApiKeyIdentityView(
        boolean success,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "null for a token whose subject is no profile id") Long profileId,
        String role,
        List<String> permissions,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "the API key's id; null for a JWT") Long keyId,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Instant expiresAt) {
}
