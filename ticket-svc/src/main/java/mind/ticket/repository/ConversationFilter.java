package mind.ticket.repository;

import java.util.List;

import mind.ticket.domain.ConversationType;
import mind.ticket.domain.TicketEnums.Direction;

/**
 * The filters of {@code GET /ticket/{id}/conversation}; an empty list means "no filter". Values are
 * only ever bound as parameters.
 */
public record ConversationFilter(
        List<ConversationType> types,
        List<Direction> directions,
        List<Boolean> privateValues,
        List<Long> senderIds,
        List<String> toIds,
        int limit,
        int offset) {
}
