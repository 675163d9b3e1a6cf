package mind.settings.hooks;

import java.time.Instant;

import mind.settings.domain.EventType;

/**
 * An event that may run hooks: its type, its key at the source (one run per hook and key, however often the
 * event is sent), when it happened, and its data as compact JSON (an object).
 */
public record HookEvent(EventType type, String key, Instant occurredAt, String dataJson) {
}
