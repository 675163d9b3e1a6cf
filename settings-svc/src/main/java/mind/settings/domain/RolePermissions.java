package mind.settings.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import mind.settings.domain.ProfileEnums.ProfileRole;

/**
 * The enneo permission names each base role grants, in a fixed order. Services check these names
 * (from a token's groups, or from the profile an {@code X-Enneo-On-Behalf-Of} request acts as).
 * README, "Tags, profiles and teams", shows the same table.
 */
public final class RolePermissions {

    private static final List<String> AGENT = List.of("readTicket", "updateTicket", "readAiAgent", "executeIntent",
            "readSettings", "readProfiles", "readTeams", "readTags");

    private static final List<String> SERVICE_WORKER = List.of("readTicket", "updateTicket", "readAiAgent", "updateIntent",
            "executeIntent", "readSettings", "readProfiles", "readTeams", "readTags");

    private static final List<String> ADMIN = List.of("readTicket", "updateTicket", "deleteTicket", "readAiAgent",
            "updateAiAgent", "updateIntent", "executeIntent", "readSettings", "updateSettings", "readSettingsSecrets",
            "readProfiles", "updateProfiles", "readTeams", "updateTeams", "readTags", "updateTags");

    private static final Map<ProfileRole, List<String>> TABLE = new EnumMap<>(Map.of(
            ProfileRole.admin, ADMIN, ProfileRole.agent, AGENT, ProfileRole.serviceWorker, SERVICE_WORKER));

    private RolePermissions() {
    }

    public static List<String> of(ProfileRole role) {
        return TABLE.get(role);
    }
}
