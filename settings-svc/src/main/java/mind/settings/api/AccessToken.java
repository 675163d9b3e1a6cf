package mind.settings.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /profile/showAccessToken}: the token this very request was authenticated with. */
public record AccessToken(
        boolean success,
        @Schema(description = "the bearer token (JWT) the request carried, in its header or its connect.sid cookie")
        String token,
        @Schema(description = "when the token expires (its exp claim)", nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt) {
}
