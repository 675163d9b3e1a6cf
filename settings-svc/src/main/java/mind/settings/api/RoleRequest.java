package mind.settings.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /roles}. */
public record RoleRequest(
        @NotBlank @Size(max = 255) String name,
        @Schema(description = "1 admin, 2 agent (default), 3 serviceWorker: the role profiles of this role have for every "
                + "check of a base role") Long baseRoleId,
        @Size(max = 100) @Schema(description = "permission names (GET /roles/1 lists them all); default: the base role's")
        List<@NotNull String> permissions) {
}
