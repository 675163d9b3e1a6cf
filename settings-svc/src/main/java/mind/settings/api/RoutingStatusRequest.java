package mind.settings.api;

import mind.settings.domain.ProfileEnums.RoutingStatusInput;

/**
 * Body of {@code PATCH /profile/{id}/routingStatus}. ifCurrent, when sent, must equal the current value of
 * every routing status the body changes, or nothing changes (409). enneo's routing states are read as the
 * stored values they mean ({@link RoutingStatusInput}).
 */
public record RoutingStatusRequest(RoutingStatusInput callRoutingStatus, RoutingStatusInput chatRoutingStatus,
        RoutingStatusInput ifCurrent) {
}
