package mind.settings.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /tag}: tags in the chosen format, in id order. */
public record TagList(
        @Schema(description = "Tags; which fields each carries depends on format", implementation = TagView[].class)
        List<Map<String, Object>> tags,
        boolean success) {
}
