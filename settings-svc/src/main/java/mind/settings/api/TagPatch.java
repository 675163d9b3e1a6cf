package mind.settings.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.patch.Patch;
import mind.settings.domain.TagEnums.TagColor;
import mind.settings.domain.TagEnums.TagReference;
import mind.settings.domain.TagEnums.TagType;
import mind.settings.domain.TagEnums.TagVisibility;

/**
 * Body of {@code PATCH /tag/{id}} and of the {@code _tag[ID].field} keys of {@code POST /settings}: a
 * missing field is left alone, {@code null} clears it (only where a tag may lack it: parent, complexity,
 * sla, priority, testCase), a value sets it.
 */
public record TagPatch(
        @NotNull @NotBlank @Size(max = 255) @Schema(implementation = String.class) Patch<String> name,
        @Schema(implementation = Long.class, nullable = true, description = "null makes the tag a root") Patch<Long> parent,
        @NotNull @Schema(implementation = TagType.class) Patch<TagType> type,
        @NotNull @Schema(implementation = TagReference.class) Patch<TagReference> reference,
        @NotNull @Schema(implementation = TagVisibility.class) Patch<TagVisibility> visibility,
        @NotNull @Schema(implementation = TagColor.class) Patch<TagColor> color,
        @NotNull @Size(max = 10) @Schema(type = SchemaType.ARRAY, implementation = String.class)
        Patch<List<@NotNull @Pattern(regexp = "defaultSkill", message = "must be defaultSkill") String>> properties,
        @Size(max = 64) @Schema(implementation = String.class, nullable = true) Patch<String> complexity,
        @Min(0) @Max(100_000) @Schema(implementation = Integer.class, nullable = true) Patch<Integer> sla,
        @Size(max = 64) @Schema(implementation = String.class, nullable = true) Patch<String> priority,
        @NotNull @Size(max = 20) @Schema(type = SchemaType.ARRAY, implementation = String.class)
        Patch<List<@NotBlank @Size(max = 32) String>> channels,
        @NotNull @Size(max = 500) @Schema(type = SchemaType.ARRAY, implementation = Long.class)
        Patch<List<@NotNull Long>> subchannels,
        @NotNull @Schema(implementation = Object.class) Patch<Map<String, Object>> detectionDetails,
        @NotNull @Size(max = 10) @Schema(type = SchemaType.ARRAY, implementation = String.class)
        Patch<List<@NotBlank @Size(max = 64) String>> assignment,
        @Schema(implementation = Object.class, nullable = true) Patch<Map<String, Object>> testCase) {

    /** Every field name, for the {@code _tag[ID].field} keys. */
    public static final List<String> FIELDS = List.of("name", "parent", "type", "reference", "visibility", "color",
            "properties", "complexity", "sla", "priority", "channels", "subchannels", "detectionDetails", "assignment",
            "testCase");
}
