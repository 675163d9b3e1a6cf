package mind.ticket.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;


import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import mind.common.error.ApiException;
import mind.common.error.ErrorMappers;
import mind.ticket.service.TicketUpdates;
import mind.ticket.service.TicketUpdates.BulkChange;

/**
 * Reads the items of {@code PATCH /ticket} one by one, so that an item Jackson cannot bind (an enum name
 * that does not exist, a string where a number belongs) fails alone, as the contract's per-item results
 * promise, instead of refusing the whole request. The request keeps each item as the tokens it was sent
 * as ({@link TokenBuffer}); each is then read with the REST layer's own mapper, so the rules of the single
 * PATCH apply unchanged (unknown properties ignored, no float for an integer, no number for an enum name,
 * no NUL, absent vs null of {@code Patch} fields), and a failure is described by common's
 * {@link ErrorMappers} in the words the single PATCH's 400 uses: the same field, the same message.
 */
final class BulkTicketPatches {

    /** Used only for its descriptions of JSON failures (they are the single PATCH's 400 bodies). */

    private BulkTicketPatches() {
    }

    /**
     * The items in the order sent. The size is checked first (413 too_many_items, an empty array 400), so
     * that a request which is refused as a whole does not have each of its items read before.
     */
    static List<BulkChange> read(ObjectMapper json, BulkItems body) {
        TicketUpdates.checkBulkSize(body.count());
        return body.items().stream().map(item -> item == null ? BulkChange.of(null) : read(json, item)).toList();
    }

    private static BulkChange read(ObjectMapper json, TokenBuffer item) {
        try (JsonParser p = item.asParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return BulkChange.unreadable(null, ApiException.invalidField("body", "an item must be a ticket object"));
            }
            return BulkChange.of(json.readValue(p, TicketPatchRequest.class));
        } catch (InvalidDefinitionException bug) {
            // a type Jackson cannot read is a bug of this service, not of the item: 500 for the request
            throw new IllegalStateException(bug);
        } catch (JsonProcessingException e) {
            return BulkChange.unreadable(idOf(json, item), ErrorMappers.itemFailure(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** The item's {@code id} when it reads as one on its own (its other fields may be wrong), else null. */
    private static Long idOf(ObjectMapper json, TokenBuffer item) {
        try (JsonParser p = item.asParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("id".equals(name)) {
                    return json.readValue(p, Long.class);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
