package mind.settings.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Values of a profile's role and settings, spelled as on the wire. */
public final class ProfileEnums {

    private ProfileEnums() {
    }

    /** Base roles; each grants a fixed set of permissions ({@link RolePermissions}). Also accepted as roleId 1, 2, 3. */
    public enum ProfileRole {
        admin(1), agent(2), serviceWorker(3);

        public final int roleId;

        ProfileRole(int roleId) {
            this.roleId = roleId;
        }

        public static ProfileRole ofId(long roleId) {
            for (ProfileRole r : values()) {
                if (r.roleId == roleId) {
                    return r;
                }
            }
            return null;
        }
    }

    /** Whether the person takes work. Named apart from ticket-svc's ticket Status in the merged OpenAPI. */
    @Schema(name = "ProfileStatus")
    public enum Status {
        available, busy, offline
    }

    /** Where a person stands in call or chat routing; telephony and chat routing move it along. */
    public enum RoutingStatus {
        idle, reserved, ringing, inCall, inChat, wrapUp, busy, offline
    }

    /** Whether a ticket must carry all of an agent's skills, or one is enough. */
    public enum SkillMatch {
        ALL, AT_LEAST_ONE
    }
}
