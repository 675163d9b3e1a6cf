package mind.settings.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /jwt/{profileId}}: the new key, shown this once, and what the list will show of it. */
public record ApiKeyIssued(
        boolean success,
        @Schema(description = "the API key: send it as Authorization: Bearer <token>. Shown only here; Mind keeps its hash") String token,
        long id,
        String name,
        String tokenSuffix,
        Instant createdAt,
        Instant expiresAt) {

    public static ApiKeyIssued of(String token, ApiKeyView key) {
        return new ApiKeyIssued(true, token, key.id(), key.name(), key.tokenSuffix(), key.createdAt(), key.expiresAt());
    }

    /** Never the token: a record's own toString would print it into any log line that shows this. */
    @Override
    public String toString() {
        return "ApiKeyIssued[id=" + id + ", name=" + name + "]";
    }
}
