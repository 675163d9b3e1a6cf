package mind.settings.api;

import java.util.List;

import mind.settings.domain.Profile;
import mind.settings.domain.ProfileEnums.RoutingStatus;
import mind.settings.domain.ProfileEnums.SkillMatch;
import mind.settings.domain.ProfileEnums.Status;

/** A profile's {@code settings}: work status, routing statuses, skills (tag ids), teams. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ProfileSettings")
public record ProfileSettingsView(
        Status status,
        RoutingStatus callRoutingStatus,
        RoutingStatus chatRoutingStatus,
        List<Long> skills,
        SkillMatch skillMatch,
        List<Long> teamIds,
        List<Long> backlogTagRestrictions) {

    static ProfileSettingsView of(Profile p, List<Long> teamIds) {
        return new ProfileSettingsView(p.status, p.callRoutingStatus, p.chatRoutingStatus, List.of(p.skills),
                p.skillMatch, List.copyOf(teamIds), List.of(p.backlogTagRestrictions));
    }

    /** What a profile that exists only as a token's subject has: offline, idle, no skills, no teams. */
    public static ProfileSettingsView defaults() {
        return new ProfileSettingsView(Status.offline, RoutingStatus.idle, RoutingStatus.idle, List.of(),
                SkillMatch.AT_LEAST_ONE, List.of(), List.of());
    }
}
