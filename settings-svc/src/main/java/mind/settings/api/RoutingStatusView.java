package mind.settings.api;

import mind.settings.domain.ProfileEnums.RoutingStatus;

/** Answer of {@code PATCH /profile/{id}/routingStatus}: the statuses now in force. */
public record RoutingStatusView(boolean success, long id, RoutingStatus callRoutingStatus,
        RoutingStatus chatRoutingStatus) {
}
