package mind.settings.api;

/** Answer of {@code POST /settings/event-hook/events}: how many events were taken and how many runs they added. */
public record HookEventsAccepted(boolean success, int accepted, int runs) {
}
