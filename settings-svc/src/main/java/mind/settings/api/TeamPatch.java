package mind.settings.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.patch.Patch;

/** Body of {@code PATCH /team/{id}}; memberIds replaces the members. */
public record TeamPatch(
        @NotNull @NotBlank @Size(max = 255) @Schema(implementation = String.class) Patch<String> name,
        @Schema(implementation = Long.class, nullable = true) Patch<Long> parent,
        @Size(max = 2000) @Schema(implementation = String.class, nullable = true) Patch<String> description,
        @NotNull @Size(max = 1000) @Schema(type = SchemaType.ARRAY, implementation = Long.class) Patch<List<@NotNull Long>> memberIds) {
}
