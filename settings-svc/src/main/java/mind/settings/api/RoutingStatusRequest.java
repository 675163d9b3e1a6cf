package mind.settings.api;

import mind.settings.domain.ProfileEnums.RoutingStatus;

/**
 * Body of {@code PATCH /profile/{id}/routingStatus}. ifCurrent, when sent, must equal the current value of
 * every routing status the body changes, or nothing changes (409).
 */
public record RoutingStatusRequest(RoutingStatus callRoutingStatus, RoutingStatus chatRoutingStatus,
        RoutingStatus ifCurrent) {
}
