package mind.common.hooks;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of POST /settings/event-hook/events: events of the types settings-svc's hooks listen to. {@code key}
 * identifies an event for good (settings-svc runs a hook once per key, so an event sent again changes nothing);
 * {@code occurredAt} is an ISO-8601 instant.
 */
public record HookEvents(List<Event> events) {

    public record Event(String type, String key, String occurredAt, ObjectNode data) {
    }
}
