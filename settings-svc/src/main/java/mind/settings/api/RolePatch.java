package mind.settings.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.patch.Patch;

/** Body of {@code PATCH /roles/{id}}; permissions replaces the role's permissions. */
public record RolePatch(
        @NotNull @NotBlank @Size(max = 255) @Schema(implementation = String.class) Patch<String> name,
        @NotNull @Schema(implementation = Long.class) Patch<Long> baseRoleId,
        @NotNull @Schema(description = "permission names, or an object of permission name to true/false as GET "
                + "/roles/{id} reports them (the true ones are granted)",
                implementation = JsonNode.class, oneOf = { PermissionsInput.Names.class, PermissionsInput.Flags.class })
        Patch<JsonNode> permissions) {

    /** The permission names granted, in the patch's state; 400 naming the bad member when set. */
    public Patch<List<String>> permissionNames() {
        return permissions.map(PermissionsInput::names);
    }
}
