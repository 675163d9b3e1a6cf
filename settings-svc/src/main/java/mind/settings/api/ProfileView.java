package mind.settings.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.Profile;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.RolePermissions;

/**
 * A profile as other services and clients read it. ticket-svc reads settings.skills and
 * settings.skillMatch, telephony settings.status, callRoutingStatus, skills and teamIds, and every
 * service's X-Enneo-On-Behalf-Of handling reads role and permissions: these names are a contract.
 * success is present on single-profile answers only; email is left out of {@code GET /profile}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(
        @Schema(description = "true on single-profile answers; absent in lists") Boolean success,
        long id,
        String firstName,
        String lastName,
        @Schema(description = "absent from GET /profile (the caller)") String email,
        String phone,
        String type,
        String lang,
        String nameAlias,
        String externalId,
        @JsonProperty("isSsoOnly") int isSsoOnly,
        @Schema(description = "the base role (admin, agent, serviceWorker); with a custom role, that role's base role") ProfileRole role,
        @Schema(description = "1 admin, 2 agent, 3 serviceWorker, or the id of the profile's custom role (GET /roles)") long roleId,
        @Schema(description = "what the role grants: the base role's permissions, or the custom role's") List<String> permissions,
        ProfileSettingsView settings,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Instant lastSeen,
        @Schema(description = "GET /profile only: the caller's open tickets (assigned to the caller), newest first, as "
                + "ticket-svc's search rows; empty with ticketsUnavailable when ticket-svc cannot be asked",
                type = SchemaType.ARRAY, implementation = Object.class) List<JsonNode> tickets,
        @Schema(description = "GET /profile only, and only when true: ticket-svc could not be asked, so tickets is "
                + "empty whatever the caller has") Boolean ticketsUnavailable) {

    /** Built while the profile is still managed. */
    public static ProfileView of(Profile p, List<Long> teamIds, boolean single, boolean withEmail) {
        long roleId = p.customRole == null ? p.role.roleId : p.customRole.id;
        return new ProfileView(single ? Boolean.TRUE : null, p.id, p.firstName, p.lastName, withEmail ? p.email : null,
                p.phone, p.type, p.lang, p.nameAlias, p.externalId, p.isSsoOnly ? 1 : 0, p.role, roleId,
                p.customRole == null ? RolePermissions.of(p.role) : p.customRole.grantedPermissions(),
                ProfileSettingsView.of(p, roleId, teamIds), p.lastSeen, null, null);
    }

    /** This profile with the caller's open tickets (GET /profile); {@code unavailable}: ticket-svc could not be asked. */
    public ProfileView withTickets(List<JsonNode> openTickets, boolean unavailable) {
        return new ProfileView(success, id, firstName, lastName, email, phone, type, lang, nameAlias, externalId, isSsoOnly,
                role, roleId, permissions, settings, lastSeen, List.copyOf(openTickets), unavailable ? Boolean.TRUE : null);
    }
}
