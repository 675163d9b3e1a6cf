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

    /** A group of permissions as a role editor shows them: {@code GET /roles/{id}}'s permissionSectionsRenderConfig. */
    public record Section(String id, String label, List<String> permissions) {
    }

    /** Every known permission in exactly one section, in the order of {@link #known()}. */
    public static final List<Section> SECTIONS = List.of(
            new Section("tickets", "Tickets", List.of("readTicket", "updateTicket", "deleteTicket")),
            new Section("aiAgents", "AI agents and intents", List.of("readAiAgent", "updateAiAgent", "updateIntent", "executeIntent")),
            new Section("settings", "Settings", List.of("readSettings", "updateSettings", "readSettingsSecrets")),
            new Section("profiles", "User management", List.of("readProfiles", "updateProfiles")),
            new Section("teams", "Team management", List.of("readTeams", "updateTeams")),
            new Section("tags", "Tag management", List.of("readTags", "updateTags")));

    private RolePermissions() {
    }

    public static List<String> of(ProfileRole role) {
        return TABLE.get(role);
    }

    /** Every permission name a role may hold: the union of the base roles' (the admin's), in that order. */
    public static List<String> known() {
        return ADMIN;
    }

    public static boolean isKnown(String name) {
        return ADMIN.contains(name);
    }

    /** The names given, distinct and in the order of {@link #known()}; all must be known. */
    public static List<String> canonical(java.util.Collection<String> names) {
        return ADMIN.stream().filter(names::contains).toList();
    }
}
