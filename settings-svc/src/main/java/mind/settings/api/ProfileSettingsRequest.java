package mind.settings.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.ProfileEnums.RoutingStatusInput;
import mind.settings.domain.ProfileEnums.SkillMatch;
import mind.settings.domain.ProfileEnums.StatusInput;

/**
 * {@code settings} of {@code POST /profile}. The role is named by {@code role} or by enneo's
 * {@code roleId} (1 admin, 2 agent, 3 serviceWorker, or a custom role of {@code GET /roles}); without either the
 * profile is an agent.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ProfileSettingsRequest")
public record ProfileSettingsRequest(
        Long roleId,
        ProfileRole role,
        @Size(max = 100) List<@NotNull Long> teamIds,
        @Size(max = 500) List<@NotNull Long> skills,
        SkillMatch skillMatch,
        StatusInput status,
        RoutingStatusInput callRoutingStatus,
        RoutingStatusInput chatRoutingStatus,
        @Size(max = 500) List<@NotNull Long> backlogTagRestrictions) {
}
