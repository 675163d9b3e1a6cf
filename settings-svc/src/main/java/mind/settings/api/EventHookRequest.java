package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.error.ApiException;
import mind.settings.domain.EventType;
import mind.settings.service.NewEventHook;

/**
 * Body of {@code POST /settings/event-hook}: {@code {event, handler}}, where handler is a user-defined
 * function's id (a number, or a string of digits) or its name. {@code name} is accepted for {@code event}
 * (the newer enneo clients send the event type as name).
 */
@Schema(name = "EventHookRequest")
public record EventHookRequest(
        @Schema(description = "The event type, e.g. TicketCreated") String event,
        @Schema(description = "Same as event (enneo's newer form); if both are given they must be equal") String name,
        @Schema(description = "The user-defined function to run: its id or its name", oneOf = { Long.class, String.class })
        JsonNode handler) {

    /** Longest handler text taken as a name (function names are at most 100 characters). */
    private static final int MAX_HANDLER_LENGTH = 100;

    NewEventHook toNew() {
        if (event != null && name != null && !event.equals(name)) {
            throw ApiException.invalidField("name", "differs from event; give the event type once");
        }
        String given = event != null ? event : name;
        String field = event != null ? "event" : "name";
        if (given == null || given.isBlank()) {
            throw ApiException.invalidField("event", "is required: one of " + EventType.names());
        }
        EventType type = EventType.named(given.strip())
                .orElseThrow(() -> ApiException.invalidField(field, "is not a known event type; one of " + EventType.names()));
        if (handler == null || handler.isNull() || handler.isMissingNode()) {
            throw ApiException.invalidField("handler", "is required: the id or name of a user-defined function");
        }
        if (handler.isIntegralNumber()) {
            if (!handler.canConvertToLong() || handler.longValue() < 1) {
                throw ApiException.invalidField("handler", "must be the id (a positive integer) or name of a user-defined function");
            }
            return new NewEventHook(type, handler.longValue(), null);
        }
        if (!handler.isTextual() || handler.textValue().isBlank()) {
            throw ApiException.invalidField("handler", "must be the id or name of a user-defined function");
        }
        String text = handler.textValue().strip();
        if (text.length() > MAX_HANDLER_LENGTH) {
            throw ApiException.invalidField("handler", "must be at most " + MAX_HANDLER_LENGTH + " characters");
        }
        // a function's name starts with a letter or _, so digits alone can only be an id
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return new NewEventHook(type, Long.parseLong(text), null);
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("handler", "is not a valid id");
            }
        }
        return new NewEventHook(type, null, text);
    }
}
