package mind.ticket.service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.api.Channel;
import mind.common.error.ApiException;
import mind.common.paging.PageRequest;
import mind.common.persistence.ReadOnly;
import mind.ticket.api.TicketSearchRequest;
import mind.ticket.api.TicketSearchResponse;
import mind.ticket.api.TicketSearchRow;
import mind.ticket.client.RemoteProfile;
import mind.ticket.domain.Skills;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Interface;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.SpamStatus;
import mind.ticket.domain.TicketEnums.Status;
import mind.ticket.repository.SearchColumn;
import mind.ticket.repository.SearchCriterion;
import mind.ticket.repository.TicketSearchQuery;
import mind.ticket.repository.TicketSearchRepository;

/**
 * {@code POST /ticket/search}: checks the whole request first (page, order, every filter), then, for
 * {@code ticketScope=skills}, asks settings-svc for the caller's skills, then runs the search as two
 * statements at most (the page, and the count when the page does not tell it).
 */
@ApplicationScoped
public class TicketSearch {

    /** enneo's documented maximum page for search (less than the general 1000). */
    public static final int MAX_LIMIT = 500;

    private static final Logger LOG = Logger.getLogger(TicketSearch.class);

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final TicketSearchRepository repository;
    private final QueueSettings profiles;
    private final Clock clock;
    private final ObjectMapper json;
    private final TagDirectory tags;

    public TicketSearch(TicketSearchRepository repository, QueueSettings profiles, Clock clock, ObjectMapper json,
            TagDirectory tags) {
        this.repository = repository;
        this.profiles = profiles;
        this.clock = clock;
        this.json = json;
        this.tags = tags;
    }

    /** Who searches: the profile id (token subject) and the Authorization header to call settings-svc with. */
    public record Caller(String profileId, String authorization) {
    }

    @ReadOnly
    public TicketSearchResponse search(TicketSearchRequest request, Caller caller) {
        PageRequest page = PageRequest.of(request.limit(), request.offset(), PageRequest.DEFAULT_LIMIT, MAX_LIMIT);
        TicketFilter.Parsed parsed = TicketFilter.parse(request.filters(), Instant.now(clock));
        Order order = order(request.orderByField(), request.orderByDirection(), parsed.fullText());
        boolean skillsScope = scope(request.ticketScope());

        List<SearchCriterion> criteria = new ArrayList<>(parsed.criteria());
        if (criteria.stream().anyMatch(SearchCriterion.Nothing.class::isInstance)) {
            // a q too short to search: nothing matches, whatever else is asked
            return new TicketSearchResponse(List.of(), 0, page.offset(), page.limit(), true);
        }
        if (skillsScope) {
            Skills skills = skillsOf(caller);
            if (skills == null) {
                // a profile settings-svc does not know has no skills, so no ticket is in its scope
                return new TicketSearchResponse(List.of(), 0, page.offset(), page.limit(), true);
            }
            // the same rule as the work queue's (QueueSettings): ALL = the ticket carries every skill
            criteria.add(new SearchCriterion.Tags(skills.match() == Skills.Match.ALL ? SearchCriterion.TagMatch.ALL
                    : SearchCriterion.TagMatch.ANY, skills.tagIds()));
            criteria.add(new SearchCriterion.NotSpam());
        }
        TicketSearchQuery query = new TicketSearchQuery(criteria, order.column, order.relevance, order.descending,
                page.limit(), page.offset());
        // rows show tag names from memory; only a search before any load of them was tried waits for one (bounded),
        // before a database connection is taken
        tags.awaitFirstLoad();
        TicketSearchRepository.Page result = repository.search(query);
        List<TicketSearchRow> rows = new ArrayList<>(result.rows().size());
        for (Tuple t : result.rows()) {
            rows.add(row(t));
        }
        return new TicketSearchResponse(rows, result.total(), page.offset(), page.limit(), true);
    }

    /** The caller's skills, null when settings-svc has no profile for the caller; 503 when it cannot be asked. */
    private Skills skillsOf(Caller caller) {
        return profiles.profile(caller.profileId()).map(QueueSettings::skillsOf).orElse(null);
    }

    private record Order(SearchColumn column, SearchCriterion.FullText relevance, boolean descending) {
    }

    /**
     * The order: a whitelisted key ({@code t.createdAt}, also written {@code "t.createdAt desc"}), or
     * {@code relevance} (full-text rank, only with q; t.id otherwise); descending unless asc is asked.
     */
    static Order order(String field, String direction, SearchCriterion.FullText fullText) {
        String key = field == null || field.isBlank() ? "t.id" : field.trim();
        String embedded = null;
        String[] parts = key.split(" ");
        if (parts.length == 2 && (parts[1].equalsIgnoreCase("asc") || parts[1].equalsIgnoreCase("desc"))) {
            key = parts[0];
            embedded = parts[1];
        }
        boolean descending = true;
        String dir = direction != null ? direction : embedded;
        if (dir != null) {
            switch (dir.trim().toLowerCase(Locale.ROOT)) {
                case "asc" -> descending = false;
                case "desc" -> descending = true;
                default -> throw ApiException.invalidField("orderByDirection", "must be asc or desc, not "
                        + TicketFilter.shown(dir));
            }
        }
        if (key.equals("relevance")) {
            return fullText == null ? new Order(SearchColumn.ID, null, descending) : new Order(null, fullText, descending);
        }
        if (SearchColumn.UNSUPPORTED.contains(key)) {
            throw new ApiException(400, "unsupported_filter", "orderByField " + TicketFilter.shown(key)
                    + " names data this service does not hold yet",
                    List.of(new mind.common.error.FieldError("orderByField", "unsupported order key " + TicketFilter.shown(key))), null);
        }
        SearchColumn column = SearchColumn.byKey(key);
        if (column == null || !column.key.equals(key) || column == SearchColumn.CLAIMED_BY) {
            throw ApiException.invalidField("orderByField", "unknown order key " + TicketFilter.shown(field)
                    + "; one of t.id, t.createdAt, ... (see the README's Search section) or relevance");
        }
        return new Order(column, null, descending);
    }

    private static boolean scope(String ticketScope) {
        if (ticketScope == null || ticketScope.equals("all")) {
            return false;
        }
        if (ticketScope.equals("skills")) {
            return true;
        }
        throw ApiException.invalidField("ticketScope", "must be all or skills, not " + TicketFilter.shown(ticketScope));
    }

    // ---- rows from the projection

    private TicketSearchRow row(Tuple t) {
        Channel channel = Channel.valueOf(t.get("channel", String.class));
        Direction direction = Direction.valueOf(t.get("direction", String.class));
        String from = t.get("from_address", String.class);
        List<String> to = strings(t.get("to_addresses", String.class));
        List<String> cc = strings(t.get("cc_addresses", String.class));
        List<String> bcc = strings(t.get("bcc_addresses", String.class));
        List<Long> tagIds = longs(t.get("tag_ids"));
        String customerId = t.get("customer_id", String.class);
        String spam = t.get("spam_status", String.class);
        return new TicketSearchRow(
                longValue(t.get("id")),
                direction,
                from,
                t.get("from_name", String.class),
                to,
                cc,
                bcc,
                cc,
                TicketSearchRow.replyRecipients(channel, direction, from, to, cc, bcc),
                nullableLong(t.get("subchannel_id")),
                t.get("external_ticket_id", String.class),
                t.get("sentiment", String.class),
                t.get("language", String.class),
                t.get("language_code", String.class),
                null,
                spam == null ? null : SpamStatus.valueOf(spam),
                AiSupportLevel.valueOf(t.get("ai_support_level", String.class)),
                false,
                Interface.valueOf(t.get("interface", String.class)),
                Priority.valueOf(t.get("priority", String.class)),
                channel,
                t.get("channel_id", String.class),
                Status.valueOf(t.get("status", String.class)),
                t.get("summary", String.class),
                t.get("subject", String.class),
                Boolean.TRUE.equals(t.get("is_escalated")),
                instant(t.get("created_at")),
                instant(t.get("modified_at")),
                instant(t.get("first_response_due_by")),
                instant(t.get("due_by")),
                instant(t.get("closed_at")),
                instant(t.get("last_message_at")),
                instant(t.get("last_customer_message_at")),
                customerId == null ? null : new TicketSearchRow.CustomerTags(List.of(), List.of()),
                customerId,
                t.get("contract_id", String.class),
                nullableLong(t.get("agent_id")),
                longs(t.get("assigned_agent_ids")),
                t.get("customer_legitimation") == null ? null : ((Number) t.get("customer_legitimation")).intValue(),
                nullableLong(t.get("intent_id")),
                object(t.get("additional_data", String.class)),
                tagIds,
                tags.refs(tagIds),
                List.of(),
                null);
    }

    private List<String> strings(String jsonText) {
        if (jsonText == null) {
            return List.of();
        }
        try {
            return json.readValue(jsonText, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored address list is not a JSON array of strings", e);
        }
    }

    private Map<String, Object> object(String jsonText) {
        if (jsonText == null) {
            return Map.of();
        }
        try {
            return json.readValue(jsonText, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored additionalData is not a JSON object", e);
        }
    }

    private static long longValue(Object value) {
        return ((Number) value).longValue();
    }

    private static Long nullableLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static List<Long> longs(Object array) {
        if (array == null) {
            return List.of();
        }
        Object[] items;
        try {
            items = array instanceof java.sql.Array sql ? (Object[]) sql.getArray() : (Object[]) array;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("tag ids could not be read", e);
        }
        return Arrays.stream(items).map(v -> ((Number) v).longValue()).toList();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp ts -> ts.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass().getSimpleName());
        };
    }
}
