package mind.settings.service;

import mind.settings.domain.EventType;

/**
 * What a create carries into the service: the event and the handler as the client named it, either a
 * user-defined function's id or its name (exactly one of the two is set).
 */
public record NewEventHook(EventType event, Long handlerId, String handlerName) {
}
