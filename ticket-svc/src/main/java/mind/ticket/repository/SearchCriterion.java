package mind.ticket.repository;

import java.time.Instant;
import java.util.List;

/**
 * One ANDed condition of a ticket search, already checked and typed: values are Java values that
 * {@link TicketSearchRepository} binds as parameters, columns come from the {@link SearchColumn} whitelist.
 */
public sealed interface SearchCriterion {

    /**
     * {@code column in (values)}, optionally also matching NULL; negated: neither one of the values nor
     * (when {@code matchNull}) NULL. A negation matches NULL rows unless NULL is listed, since an empty
     * field is not one of the values ("agent not in [5]" includes unassigned tickets).
     */
    record In(SearchColumn column, List<?> values, boolean matchNull, boolean negated) implements SearchCriterion {
    }

    /** {@code column <op> value} for {@code <, <=, >, >=} (never matches NULL). */
    record Compare(SearchColumn column, String operator, Object value) implements SearchCriterion {
        public Compare {
            if (!List.of("<", "<=", ">", ">=").contains(operator)) {
                throw new IllegalArgumentException("not a range operator: " + operator);
            }
        }
    }

    /** A time column within {@code [from, until)} (either end open when null); negated: outside it, or NULL. */
    record TimeRange(SearchColumn column, Instant from, Instant until, boolean negated) implements SearchCriterion {
    }

    /** {@code column is null} or, negated, {@code is not null}. */
    record IsNull(SearchColumn column, boolean negated) implements SearchCriterion {
    }

    /** One of the ticket's sets of ids compared with {@code tagIds}. */
    record Tags(IdSet set, TagMatch match, List<Long> tagIds) implements SearchCriterion {

        /** The ticket's tags. */
        public Tags(TagMatch match, List<Long> tagIds) {
            this(IdSet.TAGS, match, tagIds);
        }
    }

    /** Whether one of the ticket's sets of ids is empty ({@code untagged}) or not. */
    record Untagged(IdSet set, boolean untagged) implements SearchCriterion {

        /** The ticket's tags. */
        public Untagged(boolean untagged) {
            this(IdSet.TAGS, untagged);
        }
    }

    /** A ticket's sets of ids that filters compare as sets; the SQL of each is a constant (never from a request). */
    enum IdSet {
        /** {@code tt.tagId}: the ticket's tags. */
        TAGS("t.tag_ids"),
        /**
         * {@code i.aiAgentId}: the AI agents of the intents last detected on the ticket (its newest
         * {@code intentsDetected} activity event's {@code aiAgentIds}, ascending); empty when none was detected.
         */
        DETECTED_AGENTS("coalesce((select array(select distinct cast(v as bigint) from jsonb_array_elements_text("
                + "case when jsonb_typeof(e.data->'aiAgentIds') = 'array' then e.data->'aiAgentIds' else cast('[]' as jsonb) end) v "
                + "where v ~ '^[0-9]+$' and length(v) <= 18 order by 1) from ticket_event e "
                + "where e.ticket_id = t.id and e.type = 'intentsDetected' order by e.id desc limit 1), cast(array[] as bigint[]))");

        public final String sql;

        IdSet(String sql) {
            this.sql = sql;
        }
    }

    /** Both of two criteria. */
    record AllOf(SearchCriterion first, SearchCriterion second) implements SearchCriterion {
    }

    /** Either of two criteria (used to add "or untagged" to a tag filter). */
    record AnyOf(SearchCriterion first, SearchCriterion second) implements SearchCriterion {
    }

    /**
     * Full text ({@code websearch_to_tsquery('simple', text)} against the ticket's search vector and those of its
     * messages, drafts left out), and for a numeric query also the ticket id ({@code ticketId}, null when out of range), contract and customer id.
     */
    record FullText(String text, Long ticketId, boolean numeric) implements SearchCriterion {
    }

    /** Matches no ticket (a q too short to search). */
    record Nothing() implements SearchCriterion {
    }

    /** Spam tickets left out: spam status NULL, auto_clean or manual_clean. */
    record NotSpam() implements SearchCriterion {
    }

    enum TagMatch {
        /** every listed tag ({@code @>}) */
        ALL,
        /** at least one listed tag ({@code &&}) */
        ANY,
        /** exactly the listed tags, as sets */
        EXACT,
        /** no tag outside the list ({@code <@}) */
        ALLOWED,
        /** none of the listed tags */
        EXCLUDED
    }
}
