package mind.settings.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.error.ApiException;
import mind.common.time.ApiTime;
import mind.settings.domain.EventType;
import mind.settings.hooks.HookEvent;

/** Body of {@code POST /settings/event-hook/events}: events another service observed, for the hooks of their types. */
@Schema(name = "HookEventsRequest")
public record HookEventsRequest(
        @Schema(description = "1 to 100 events") List<Item> events) {

    static final int MAX_EVENTS = 100;
    static final int MAX_DATA_BYTES = 16 * 1024;
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    @Schema(name = "HookEvent")
    public record Item(
            @Schema(description = "The event type, one of the EventHook schema's (e.g. TicketUpdated)") String type,
            @Schema(description = "The event's key at its source, [A-Za-z0-9._:-]{1,200}: one run per hook and key, "
                    + "however often it is sent") String key,
            @Schema(description = "When it happened: ISO-8601, YYYY-MM-DD HH:mm:ss (UTC) or unix seconds; now when "
                    + "omitted", oneOf = { String.class, Long.class }) JsonNode occurredAt,
            @Schema(description = "What the function receives as parameters: an object of at most 16 KB") JsonNode data) {
    }

    List<HookEvent> toEvents(ObjectMapper json, Instant now) {
        if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ApiException.invalidField("events", "must hold 1 to " + MAX_EVENTS + " events");
        }
        List<HookEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Item item = events.get(i);
            String at = "events[" + i + "]";
            if (item == null) {
                throw ApiException.invalidField(at, "must be an object {type, key, occurredAt, data}");
            }
            if (item.type() == null || item.type().isBlank()) {
                throw ApiException.invalidField(at + ".type", "is required: one of " + EventType.names());
            }
            EventType type = EventType.named(item.type().strip())
                    .orElseThrow(() -> ApiException.invalidField(at + ".type", "is not a known event type; one of " + EventType.names()));
            if (item.key() == null || !KEY.matcher(item.key()).matches()) {
                throw ApiException.invalidField(at + ".key", "is required: 1 to 200 of A-Z a-z 0-9 . _ : -");
            }
            out.add(new HookEvent(type, item.key(), occurredAt(item.occurredAt(), at + ".occurredAt", now), data(json, item.data(), at + ".data")));
        }
        return out;
    }

    private static Instant occurredAt(JsonNode value, String field, Instant now) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return now;
        }
        try {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return ApiTime.ofEpochSecond(value.longValue());
            }
            if (value.isTextual()) {
                return ApiTime.parse(value.textValue());
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, e.getMessage());
        }
        throw ApiException.invalidField(field, "must be a time (ISO-8601, YYYY-MM-DD HH:mm:ss or unix seconds)");
    }

    private static String data(ObjectMapper json, JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "{}";
        }
        if (!value.isObject()) {
            throw ApiException.invalidField(field, "must be an object");
        }
        try {
            String text = json.writeValueAsString(value);
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
                throw ApiException.invalidField(field, "must be at most " + MAX_DATA_BYTES + " bytes as JSON");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField(field, "could not be read as JSON");
        }
    }
}
