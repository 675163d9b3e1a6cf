package mind.settings.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.Tag;
import mind.settings.domain.TagEnums.TagColor;
import mind.settings.domain.TagEnums.TagReference;
import mind.settings.domain.TagEnums.TagType;
import mind.settings.domain.TagEnums.TagVisibility;

/**
 * A tag as enneo's Tag schema shows it, next to {@code success:true} (the answer of
 * {@code GET /tag/{id}} and {@code PATCH /tag/{id}}). fullName is the names of the parent chain and the
 * tag's own, joined by {@code ": "} ("Second Level: Complaint").
 */
public record TagView(
        boolean success,
        long id,
        String name,
        String fullName,
        @Schema(nullable = true) Long parent,
        TagReference reference,
        TagType type,
        TagVisibility visibility,
        TagColor color,
        List<String> properties,
        @Schema(nullable = true) String complexity,
        @Schema(nullable = true) Integer sla,
        @Schema(nullable = true) String priority,
        List<String> channels,
        List<Long> subchannels,
        Map<String, Object> detectionDetails,
        List<String> assignment,
        @Schema(nullable = true) Map<String, Object> testCase,
        @Schema(nullable = true) String modifiedBy,
        Instant modifiedAt) {

    public static final String SEPARATOR = ": ";

    /** Built while the tag is still managed. */
    public static TagView of(Tag t, String fullName) {
        return new TagView(true, t.id, t.name, fullName, t.parentId, t.reference, t.type, t.visibility, t.color,
                List.copyOf(t.properties), t.complexity, t.sla, t.priority, List.copyOf(t.channels),
                List.copyOf(t.subchannels), t.detectionDetails == null ? Map.of() : new LinkedHashMap<>(t.detectionDetails),
                List.copyOf(t.assignment), t.testCase == null ? null : new LinkedHashMap<>(t.testCase), t.modifiedBy,
                t.modifiedAt);
    }

    /** The fields of one list format, in schema order ({@link TagFormat}). */
    public Map<String, Object> in(TagFormat format) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("fullName", fullName);
        m.put("type", type);
        m.put("visibility", visibility);
        switch (format) {
            case COMPACT -> m.put("parent", parent);
            case SHORT -> {
                m.put("parent", parent);
                m.put("color", color);
            }
            case DETECTION -> {
                m.put("parent", parent);
                m.put("detectionDetails", detectionDetails);
            }
            case MEDIUM -> {
                m.put("parent", parent);
                m.put("reference", reference);
                m.put("color", color);
                m.put("properties", properties);
                m.put("complexity", complexity);
                m.put("sla", sla);
                m.put("priority", priority);
                m.put("channels", channels);
                m.put("subchannels", subchannels);
            }
            case FULL -> {
                m.put("parent", parent);
                m.put("reference", reference);
                m.put("color", color);
                m.put("properties", properties);
                m.put("complexity", complexity);
                m.put("sla", sla);
                m.put("priority", priority);
                m.put("channels", channels);
                m.put("subchannels", subchannels);
                m.put("detectionDetails", detectionDetails);
                m.put("assignment", assignment);
                m.put("testCase", testCase);
                m.put("modifiedBy", modifiedBy);
                m.put("modifiedAt", modifiedAt);
            }
        }
        return m;
    }
}
