package mind.settings.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.ApiKey;

/** An API key as its owner sees it: never the key itself, only its last four characters. */
@Schema(name = "ApiKey")
public record ApiKeyView(
        long id,
        String name,
        @Schema(description = "the key's last four characters") String tokenSuffix,
        Instant createdAt,
        Instant expiresAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "last request made with it (to the minute)") Instant lastUsedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Instant revokedAt,
        @Schema(description = "profile id of whoever issued it") String issuedBy) {

    public static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(k.id, k.name, k.tokenSuffix, k.createdAt, k.expiresAt, k.lastUsedAt, k.revokedAt, k.issuedBy);
    }
}
