package mind.settings.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.patch.Patch;

/** Body of {@code PATCH /roles/{id}}; permissions replaces the role's permissions. */
public record RolePatch(
        @NotNull @NotBlank @Size(max = 255) @Schema(implementation = String.class) Patch<String> name,
        @NotNull @Schema(implementation = Long.class) Patch<Long> baseRoleId,
        @NotNull @Size(max = 100) @Schema(type = SchemaType.ARRAY, implementation = String.class) Patch<List<@NotNull String>> permissions) {
}
