package mind.settings.api;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.TagEnums.TagColor;
import mind.settings.domain.TagEnums.TagType;
import mind.settings.domain.TagEnums.TagVisibility;

/** One tag of {@code GET /tag/tree} with its children (id order). */
public record TagNode(long id, String name, String fullName, @Schema(nullable = true) Long parent, TagType type, TagVisibility visibility,
        TagColor color, List<TagNode> children) {

    static TagNode of(TagView v) {
        return new TagNode(v.id(), v.name(), v.fullName(), v.parent(), v.type(), v.visibility(), v.color(), new ArrayList<>());
    }
}
