package mind.settings.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.Profile;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.ProfileEnums.RoutingStatus;
import mind.settings.domain.ProfileEnums.SkillMatch;
import mind.settings.domain.ProfileEnums.Status;

/**
 * A profile's {@code settings}: work status, routing statuses, skills (tag ids), teams, and the role (the same
 * roleId and role as the profile's top level: clients read the role from settings, where they also write it).
 */
@Schema(name = "ProfileSettings")
public record ProfileSettingsView(
        @Schema(description = "the profile's top-level roleId: 1 admin, 2 agent, 3 serviceWorker, or its custom "
                + "role's id (GET /roles)") long roleId,
        @Schema(description = "the profile's top-level role: the base role (with a custom role, its base role)") ProfileRole role,
        Status status,
        RoutingStatus callRoutingStatus,
        RoutingStatus chatRoutingStatus,
        List<Long> skills,
        SkillMatch skillMatch,
        List<Long> teamIds,
        List<Long> backlogTagRestrictions) {

    static ProfileSettingsView of(Profile p, long roleId, List<Long> teamIds) {
        return new ProfileSettingsView(roleId, p.role, p.status, p.callRoutingStatus, p.chatRoutingStatus, List.of(p.skills),
                p.skillMatch, List.copyOf(teamIds), List.of(p.backlogTagRestrictions));
    }

    /** What a profile that exists only as a token's subject has: its role, offline, idle, no skills, no teams. */
    public static ProfileSettingsView defaults(ProfileRole role) {
        return new ProfileSettingsView(role.roleId, role, Status.offline, RoutingStatus.idle, RoutingStatus.idle, List.of(),
                SkillMatch.AT_LEAST_ONE, List.of(), List.of());
    }
}
