package mind.settings.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /jwt/{profileId}}. */
public record ApiKeyIssueRequest(
        @NotBlank @Size(max = 100) String name,
        @Schema(description = "when the key stops working: 2027-06-30 12:00:00 (UTC), ISO-8601, a date or unix seconds; "
                + "default a year from now, at most mind.settings.api-keys.max-lifetime (730 days)", nullable = true) String expiresAt) {
}
