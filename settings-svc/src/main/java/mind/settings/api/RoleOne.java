package mind.settings.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.Role;
import mind.settings.domain.RolePermissions;

/** Answer of {@code GET /roles/{id}} and {@code PATCH /roles/{id}}: the role with its permission matrix. */
public record RoleOne(boolean success, Detail role) {

    /** The role with every known permission, grouped into sections, each marked granted or not. */
    @Schema(name = "RoleDetail")
    public record Detail(
            long id,
            String name,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "null for a base role") Long baseRoleId,
            List<String> permissions,
            long membersCount,
            @Schema(description = "every known permission once, in sections (tickets, aiAgents, settings, profiles, teams, "
                    + "tags), value true when this role grants it") List<Section> permissionSectionsRenderConfig) {
    }

    @Schema(name = "RolePermissionSection")
    public record Section(String id, String label, List<Permission> permissions) {
    }

    @Schema(name = "RolePermissionFlag")
    public record Permission(String name, boolean value) {
    }

    public static RoleOne of(Role r, long membersCount) {
        List<String> granted = r.grantedPermissions();
        List<Section> sections = RolePermissions.SECTIONS.stream().map(s -> new Section(s.id(), s.label(),
                s.permissions().stream().map(p -> new Permission(p, granted.contains(p))).toList())).toList();
        return new RoleOne(true, new Detail(r.id, r.name, r.baseRoleId, granted, membersCount, sections));
    }
}
