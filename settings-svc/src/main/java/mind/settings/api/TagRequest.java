package mind.settings.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.TagEnums.TagColor;
import mind.settings.domain.TagEnums.TagReference;
import mind.settings.domain.TagEnums.TagType;
import mind.settings.domain.TagEnums.TagVisibility;

/**
 * Body of {@code POST /tag}: the newer form {@code {name, type, detectionDetails, fullName, parent,
 * visibility, sla}} and the older {@code {name, reference, type}} alike. fullName is accepted and
 * ignored: it is always derived from the parent chain.
 */
public record TagRequest(
        @NotBlank @Size(max = 255) String name,
        @NotNull TagType type,
        TagReference reference,
        Long parent,
        TagVisibility visibility,
        TagColor color,
        @Size(max = 10) List<@NotNull @Pattern(regexp = "defaultSkill", message = "must be defaultSkill") String> properties,
        @Size(max = 64) String complexity,
        @Min(0) @Max(100_000) Integer sla,
        @Size(max = 64) String priority,
        @Size(max = 20) List<@NotBlank @Size(max = 32) String> channels,
        @Size(max = 500) List<@NotNull Long> subchannels,
        Map<String, Object> detectionDetails,
        @Size(max = 10) List<@NotBlank @Size(max = 64) String> assignment,
        Map<String, Object> testCase,
        @Schema(description = "Ignored: fullName is derived from the parent chain") @Size(max = 2000) String fullName) {
}
