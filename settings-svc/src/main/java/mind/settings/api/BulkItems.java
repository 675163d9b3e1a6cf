package mind.settings.api;

import java.util.ArrayList;
import java.util.List;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;

import mind.common.error.ApiException;
import mind.common.error.ErrorMappers;
import mind.settings.service.BulkItem;

/**
 * Reads the items of a bulk profile request one by one (ticket-svc's PATCH /ticket does the same), so that an item
 * Jackson cannot bind (an enum name that does not exist, a string where a number belongs) fails alone instead of
 * refusing the whole request. Each item is read with the REST layer's own mapper, so the rules of the single PATCH
 * apply unchanged (absent vs null of Patch fields, no float for an integer), and a failure is described by common's
 * {@link ErrorMappers} in the words the single PATCH's 400 uses: the same field, the same message.
 */
final class BulkItems {

    /** Used only for its descriptions of JSON failures (they are the single PATCH's 400 bodies). */

    private BulkItems() {
    }

    /** The items in the order sent; the size is checked first (400 none, 413 too many) so nothing is read in vain. */
    static <T> List<BulkItem<T>> read(ObjectMapper json, String field, List<JsonNode> items, Class<T> type) {
        BulkItem.checkSize(field, items == null ? 0 : items.size());
        List<BulkItem<T>> read = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            read.add(read(json, item, type));
        }
        return read;
    }

    private static <T> BulkItem<T> read(ObjectMapper json, JsonNode item, Class<T> type) {
        if (item == null || !item.isObject()) {
            return new BulkItem<>(null, null, ApiException.invalidField("body", "an item must be a profile object"));
        }
        JsonNode idNode = item.get("id");
        Long id = idNode != null && idNode.isIntegralNumber() && idNode.canConvertToLong() ? idNode.asLong() : null;
        if (id == null) {
            return new BulkItem<>(null, null, ApiException.invalidField("id", "must be given for each profile, as an integer"));
        }
        try {
            return new BulkItem<>(id, json.treeToValue(item, type), null);
        } catch (InvalidDefinitionException bug) {
            // a type Jackson cannot read is a bug of this service, not of the item: 500 for the request
            throw new IllegalStateException(bug);
        } catch (JsonProcessingException e) {
            return new BulkItem<>(id, null, ErrorMappers.itemFailure(e));
        }
    }

}
