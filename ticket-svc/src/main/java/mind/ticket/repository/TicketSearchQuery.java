package mind.ticket.repository;

import java.util.List;

/**
 * A checked search: ANDed criteria, the order ({@code orderBy} null with {@code relevance} set orders by
 * full-text rank), and the page.
 *
 * @param relevance the full-text query to rank by, or null
 */
public record TicketSearchQuery(List<SearchCriterion> criteria, SearchColumn orderBy, SearchCriterion.FullText relevance,
        boolean descending, int limit, int offset) {
}
