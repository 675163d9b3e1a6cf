package mind.settings.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.Role;

/** A role in {@code GET /roles}. */
public record RoleView(
        long id,
        String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "null for the base roles 1 "
                + "(admin), 2 (agent), 3 (serviceWorker); the base role of a custom role") Long baseRoleId,
        @Schema(description = "profiles with this role (a base role counts the profiles without a custom role)") long membersCount,
        List<String> permissions) {

    public static RoleView of(Role r, long membersCount) {
        return new RoleView(r.id, r.name, r.baseRoleId, membersCount, r.grantedPermissions());
    }
}
