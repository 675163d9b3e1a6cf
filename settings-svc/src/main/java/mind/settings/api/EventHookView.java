package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.EventHook;
import mind.settings.domain.EventType;

/**
 * An event hook. {@code name} is the event type, as enneo lists its hooks ({@code {id, name, description}});
 * {@code event} repeats it under the name the create takes.
 */
@Schema(name = "EventHook")
public record EventHookView(
        long id,
        @Schema(description = "The event type (enneo's name for it)") EventType name,
        @Schema(description = "The event type") EventType event,
        @Schema(description = "What the event is") String description,
        @Schema(description = "Name of the user-defined function run for the event") String handler,
        @Schema(description = "Id of the user-defined function run for the event") long handlerId) {

    /** Built by the service while the hook is still managed; {@code handlerName} read with it. */
    public static EventHookView of(EventHook hook, String handlerName) {
        return new EventHookView(hook.id, hook.event, hook.event, hook.event.description(), handlerName, hook.udfId);
    }
}
