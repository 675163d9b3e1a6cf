package mind.settings.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.patch.Patch;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.ProfileEnums.RoutingStatusInput;
import mind.settings.domain.ProfileEnums.SkillMatch;
import mind.settings.domain.ProfileEnums.StatusInput;

/** Body of {@code PATCH /profile/{id}}: only the fields sent change. */
public record ProfilePatch(
        @NotNull @NotBlank @Email @Size(max = 254) @Schema(implementation = String.class) Patch<String> email,
        @Size(max = 100) @Schema(implementation = String.class, nullable = true) Patch<String> firstName,
        @Size(max = 100) @Schema(implementation = String.class, nullable = true) Patch<String> lastName,
        @Size(max = 50) @Schema(implementation = String.class, nullable = true) Patch<String> phone,
        @NotNull @Size(max = 32) @Schema(implementation = String.class) Patch<String> type,
        @NotNull @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter language code")
        @Schema(implementation = String.class) Patch<String> lang,
        @Size(max = 100) @Schema(implementation = String.class, nullable = true) Patch<String> nameAlias,
        @Size(max = 255) @Schema(implementation = String.class, nullable = true) Patch<String> externalId,
        @NotNull @JsonProperty("isSsoOnly") @Schema(implementation = Boolean.class) Patch<Boolean> isSsoOnly,
        @Valid Settings settings) {

    /** {@code settings} of the PATCH; each field on its own. */
    @Schema(name = "ProfileSettingsPatch")
    public record Settings(
            @NotNull @Schema(implementation = Long.class) Patch<Long> roleId,
            @NotNull @Schema(implementation = ProfileRole.class) Patch<ProfileRole> role,
            @NotNull @Size(max = 100) @Schema(type = SchemaType.ARRAY, implementation = Long.class) Patch<List<@NotNull Long>> teamIds,
            @NotNull @Size(max = 500) @Schema(type = SchemaType.ARRAY, implementation = Long.class) Patch<List<@NotNull Long>> skills,
            @NotNull @Schema(implementation = SkillMatch.class) Patch<SkillMatch> skillMatch,
            @NotNull @Schema(implementation = StatusInput.class) Patch<StatusInput> status,
            @NotNull @Schema(implementation = RoutingStatusInput.class) Patch<RoutingStatusInput> callRoutingStatus,
            @NotNull @Schema(implementation = RoutingStatusInput.class) Patch<RoutingStatusInput> chatRoutingStatus,
            @NotNull @Size(max = 500) @Schema(type = SchemaType.ARRAY, implementation = Long.class)
            Patch<List<@NotNull Long>> backlogTagRestrictions) {

        /** Whether only the fields a person may change on their own profile are sent. */
        boolean onlyOwnStatus() {
            return roleId.isAbsent() && role.isAbsent() && teamIds.isAbsent() && skills.isAbsent() && skillMatch.isAbsent()
                    && backlogTagRestrictions.isAbsent();
        }
    }

    /** Whether only settings.status, settings.callRoutingStatus and settings.chatRoutingStatus are sent. */
    public boolean onlyOwnStatus() {
        return email.isAbsent() && firstName.isAbsent() && lastName.isAbsent() && phone.isAbsent() && type.isAbsent()
                && lang.isAbsent() && nameAlias.isAbsent() && externalId.isAbsent() && isSsoOnly.isAbsent()
                && (settings == null || settings.onlyOwnStatus());
    }
}
