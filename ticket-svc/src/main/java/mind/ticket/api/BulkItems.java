package mind.ticket.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import mind.ticket.service.TicketUpdates;

/**
 * The body of {@code PATCH /ticket} as it came: each item's tokens, kept to be read one by one
 * ({@link BulkTicketPatches}), and how many items the array held. Only the first
 * {@link TicketUpdates#MAX_BULK_ITEMS} are kept, the rest are counted and skipped as they stream past, so that a body
 * of half a million tiny items ({@code [0,0,0,...]}, 1 MB) costs no more memory than a full batch before it is
 * refused with 413. A JSON {@code null} item is kept as null.
 */
@JsonDeserialize(using = BulkItems.Reader.class)
public record BulkItems(List<TokenBuffer> items, int count) {

    static final class Reader extends JsonDeserializer<BulkItems> {

        @Override
        public BulkItems deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return ctxt.reportInputMismatch(List.class, "the body must be an array of ticket changes");
            }
            List<TokenBuffer> items = new ArrayList<>();
            int count = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    return ctxt.reportInputMismatch(List.class, "the array of ticket changes is not closed");
                }
                if (count++ >= TicketUpdates.MAX_BULK_ITEMS) {
                    p.skipChildren();
                } else if (t == JsonToken.VALUE_NULL) {
                    items.add(null);
                } else {
                    items.add(ctxt.bufferAsCopyOfValue(p));
                }
            }
            return new BulkItems(items, count);
        }
    }
}
