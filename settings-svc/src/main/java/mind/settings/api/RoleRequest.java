package mind.settings.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /roles}. */
public record RoleRequest(
        @NotBlank @Size(max = 255) String name,
        @Schema(description = "1 admin, 2 agent (default), 3 serviceWorker: the role profiles of this role have for every "
                + "check of a base role") Long baseRoleId,
        @Schema(description = "permission names (GET /roles/1 lists them all), or an object of permission name to "
                + "true/false as GET /roles/{id} reports them (the true ones are granted); default: the base role's",
                oneOf = { PermissionsInput.Names.class, PermissionsInput.Flags.class })
        JsonNode permissions) {

    /** The permission names granted, null when none were sent (or sent as null); 400 naming the bad member. */
    public List<String> permissionNames() {
        return permissions == null || permissions.isNull() ? null : PermissionsInput.names(permissions);
    }
}
