package mind.settings.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.settings.hooks.HookRunRepository;

/** Answer of {@code GET /settings/event-hook/{id}/runs}. */
public record HookRunList(boolean success, long total, int limit, int offset, List<Run> runs) {

    @Schema(name = "EventHookRun")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(
            long id,
            String event,
            @Schema(description = "The event's key at its source") String key,
            @Schema(description = "The event's data: what the function receives as parameters") JsonNode data,
            @Schema(enumeration = { "pending", "done", "failed" }) String status,
            @Schema(description = "Calls made so far") int attempts,
            Instant occurredAt,
            Instant createdAt,
            @Schema(description = "When a pending run is tried (again); null once finished", nullable = true) Instant nextAttemptAt,
            @Schema(nullable = true) Instant finishedAt,
            @Schema(description = "Why it failed, or why the last attempt did not succeed", nullable = true) String error) {

        static Run of(HookRunRepository.Row r, ObjectMapper json) {
            JsonNode data;
            try {
                data = json.readTree(r.dataJson());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored event's data is not JSON", e);
            }
            return new Run(r.id(), r.event(), r.key(), data, r.status(), r.attempts(), r.occurredAt(), r.createdAt(),
                    "pending".equals(r.status()) ? r.dueAt() : null, r.finishedAt(), r.error());
        }
    }
}
