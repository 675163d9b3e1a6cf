package mind.settings.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /profile/{id}/supersetRoles}: the analytics (Apache Superset) roles this profile may be given. */
public record SupersetRoles(
        boolean success,
        long profileId,
        @Schema(description = "role names from mind.people.superset-roles; empty: Mind has no analytics integration of its own")
        List<String> roles) {
}
