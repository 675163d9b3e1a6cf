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

    /**
     * A work status as a client may send it: this service's own values, or the time-tracking status ids of
     * the newer enneo clients ({@code active}, {@code offwork}, {@code away}, {@code absent}), each read as
     * the stored value it means. Only {@link Status} values are stored and answered, so other services
     * (telephony checks {@code available}) and stored rows keep one vocabulary.
     */
    @Schema(name = "ProfileStatusInput", description = "available, busy, offline; also enneo's time-tracking ids: "
            + "active (= available), offwork and away (= busy), absent (= offline)")
    public enum StatusInput {
        available(Status.available), busy(Status.busy), offline(Status.offline),
        active(Status.available), offwork(Status.busy), away(Status.busy), absent(Status.offline);

        public final Status stored;

        StatusInput(Status stored) {
            this.stored = stored;
        }
    }

    /**
     * A routing status as a client may send it: this service's values, or the newer enneo clients' routing
     * states, each read as the stored value it means. {@code interacting} is a call on the call routing
     * status and a chat on the chat routing status.
     */
    @Schema(name = "RoutingStatusInput", description = "idle, reserved, ringing, inCall, inChat, wrapUp, busy, offline; "
            + "also enneo's routing states: beingConnected (= ringing), interacting (= inCall for calls, inChat for chats), "
            + "acw (= wrapUp), notResponding and unavailable (= busy)")
    public enum RoutingStatusInput {
        idle(RoutingStatus.idle), reserved(RoutingStatus.reserved), ringing(RoutingStatus.ringing),
        inCall(RoutingStatus.inCall), inChat(RoutingStatus.inChat), wrapUp(RoutingStatus.wrapUp), busy(RoutingStatus.busy),
        offline(RoutingStatus.offline),
        beingConnected(RoutingStatus.ringing), interacting(null), acw(RoutingStatus.wrapUp),
        notResponding(RoutingStatus.busy), unavailable(RoutingStatus.busy);

        private final RoutingStatus stored;

        RoutingStatusInput(RoutingStatus stored) {
            this.stored = stored;
        }

        /** The stored value on the call routing status. */
        public RoutingStatus forCall() {
            return stored == null ? RoutingStatus.inCall : stored;
        }

        /** The stored value on the chat routing status. */
        public RoutingStatus forChat() {
            return stored == null ? RoutingStatus.inChat : stored;
        }
    }

    /** Whether a ticket must carry all of an agent's skills, or one is enough. */
    public enum SkillMatch {
        ALL, AT_LEAST_ONE
    }
}
