package mind.ticket.api;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.NullNode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /ticket/search}. Filters are ANDed; the grammar (keys, comparators, value
 * forms) is checked by {@link mind.ticket.service.TicketFilter}, which names the offending filter.
 */
@Schema(name = "TicketSearchRequest")
public record TicketSearchRequest(
        @Schema(description = "ANDed filters; see the README section 'Search' for the keys and comparators")
        List<Filter> filters,
        @Schema(description = "1..500, default 100") Integer limit,
        @Schema(description = "0 or more, default 0") Integer offset,
        @Schema(description = "a key of the orderBy whitelist (t.id, t.createdAt, ..., relevance); default t.id",
                example = "t.id") String orderByField,
        @Schema(description = "asc | desc; default desc", enumeration = { "asc", "desc" }) String orderByDirection,
        @Schema(description = "all (default) | skills: only tickets matching the caller's skills, spam excluded",
                enumeration = { "all", "skills" }) String ticketScope) {

    /**
     * One filter: {@code key} and {@code comparator} with {@code value} (scalar comparators), {@code values}
     * ({@code in}/{@code not in} and the tag sets) or {@code from}+{@code to} ({@code between}). Values are
     * kept as JSON so that numbers and strings are both accepted where either makes sense.
     */
    @Schema(name = "TicketSearchFilter")
    public record Filter(
            @Schema(example = "t.status") String key,
            @Schema(example = "in") String comparator,
            @JsonDeserialize(using = KeepNull.class)
            @Schema(type = SchemaType.STRING, description = "string, number or null") JsonNode value,
            @JsonDeserialize(contentUsing = KeepNull.class)
            @Schema(type = SchemaType.ARRAY, description = "strings or numbers; \"null\" matches an empty field")
            List<JsonNode> values,
            @Schema(type = SchemaType.STRING, description = "string or number") JsonNode from,
            @Schema(type = SchemaType.STRING, description = "string or number") JsonNode to) {
    }

    /**
     * Reads a value as JSON, keeping an explicit {@code null} as a {@code NullNode} so that
     * {@code "value": null} (match an empty field) differs from a missing value (a 400).
     * NUL characters are refused by {@link mind.ticket.service.TicketFilter}.
     */
    public static final class KeepNull extends JsonDeserializer<JsonNode> {
        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return ctxt.readTree(p);
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return NullNode.getInstance();
        }

        /** A value left out stays absent (Jackson would otherwise take the null value for it). */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
