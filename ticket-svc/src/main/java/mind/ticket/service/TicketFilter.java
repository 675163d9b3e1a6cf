package mind.ticket.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.time.ApiTime;
import mind.ticket.api.TicketSearchRequest.Filter;
import mind.ticket.repository.SearchColumn;
import mind.ticket.repository.SearchColumn.Kind;
import mind.ticket.repository.SearchCriterion;
import mind.ticket.repository.SearchCriterion.IdSet;
import mind.ticket.repository.SearchCriterion.TagMatch;

/**
 * Reads the filter grammar of {@code POST /ticket/search} (CLIENTS.md §2) into typed
 * {@link SearchCriterion}s, or refuses a filter with a 400 that names it ({@code filters[2].key}, ...).
 * Keys come from the {@link SearchColumn} whitelist; values become Java values for bound parameters.
 */
public final class TicketFilter {

    /** Bounds on what a client controls. */
    static final int MAX_FILTERS = 50;
    static final int MAX_VALUES = 1000;
    static final int MAX_TEXT = 1000;
    static final int MAX_QUERY = 500;

    /** A non-numeric q needs this many characters other than digits and spaces before it is searched. */
    static final int MIN_QUERY_LETTERS = 4;

    private static final Map<String, TagMatch> TAG_SETS = Map.of(
            "tt_matchAll.tagId", TagMatch.ALL,
            "tt_matchAny.tagId", TagMatch.ANY,
            "tt_matchExact.tagId", TagMatch.EXACT,
            "tt_allowed.tagId", TagMatch.ALLOWED,
            "tt_excluded.tagId", TagMatch.EXCLUDED);

    private static final List<String> COMPARATORS = List.of("=", "!=", "<", ">", "<=", ">=", "in", "not in", "between",
            "not between");
    private static final Pattern RELATIVE = Pattern.compile("([+-]?\\d{1,6})\\s*(MINUTE|HOUR|DAY|WEEK|MONTH)S?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** The criteria, and the full-text query among them (for ordering by relevance), or null. */
    public record Parsed(List<SearchCriterion> criteria, SearchCriterion.FullText fullText) {
    }

    private TicketFilter() {
    }

    /**
     * @param now the request's time, for {@code CURRENT_DATE}, {@code CURRENT_TIME} and relative values
     */
    public static Parsed parse(List<Filter> filters, Instant now) {
        List<SearchCriterion> criteria = new ArrayList<>();
        SearchCriterion.FullText fullText = null;
        if (filters == null) {
            return new Parsed(criteria, null);
        }
        if (filters.size() > MAX_FILTERS) {
            throw ApiException.invalidField("filters", "at most " + MAX_FILTERS + " filters");
        }
        for (int i = 0; i < filters.size(); i++) {
            Filter f = filters.get(i);
            String at = "filters[" + i + "]";
            if (f == null || f.key() == null || f.key().isBlank()) {
                throw ApiException.invalidField(at + ".key", "is required");
            }
            SearchCriterion c = new TicketFilter.One(f, at, now).criterion();
            if (c instanceof SearchCriterion.FullText q) {
                fullText = q;
            }
            if (c != null) {
                criteria.add(c);
            }
        }
        return new Parsed(List.copyOf(criteria), fullText);
    }

    /** One filter being read; knows where it sits for error messages. */
    private static final class One {
        private final Filter f;
        private final String at;
        private final String key;
        private final Instant now;

        One(Filter f, String at, Instant now) {
            this.f = f;
            this.at = at;
            this.key = f.key().trim();
            this.now = now;
        }

        /** The criterion, or null when the filter restricts nothing ({@code t.channel = all}). */
        SearchCriterion criterion() {
            if (key.equals("q")) {
                return fullText();
            }
            TagMatch tagSet = TAG_SETS.get(key);
            if (tagSet != null) {
                return tagSet(tagSet);
            }
            if (SearchColumn.UNSUPPORTED.contains(key)) {
                throw new ApiException(400, "unsupported_filter", "filter " + shown(key)
                        + " names data this service does not hold yet", List.of(new FieldError(at + ".key",
                                "unsupported filter key " + shown(key))), null);
            }
            SearchColumn column = SearchColumn.byKey(key);
            if (column == null) {
                throw fail(".key", "unknown filter key " + shown(key) + "; see the README's Search section for the keys");
            }
            String comparator = comparator();
            return switch (column.kind) {
                case TIME -> time(column, comparator);
                case TAGS -> column == SearchColumn.AI_AGENT_ID ? idSet(IdSet.DETECTED_AGENTS, comparator, "agent")
                        : idSet(IdSet.TAGS, comparator, "tag");
                default -> scalar(column, comparator);
            };
        }

        private String comparator() {
            if (f.comparator() == null) {
                // enneo's own examples leave it out now and then: the value's shape says what is meant
                if (f.values() != null) {
                    return "in";
                }
                if (f.from() != null || f.to() != null) {
                    return "between";
                }
                return "=";
            }
            String c = f.comparator().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (c.equals("<>")) {
                c = "!=";
            }
            if (!COMPARATORS.contains(c)) {
                throw fail(".comparator", "comparator " + shown(f.comparator()) + " of filter " + shown(key)
                        + " is not one of " + COMPARATORS);
            }
            return c;
        }

        // ---- set keys: in / not in / = / != / < / > / <= / >=

        private SearchCriterion scalar(SearchColumn column, String comparator) {
            switch (comparator) {
                case "in", "not in" -> {
                    List<JsonNode> raw = values();
                    List<Object> values = new ArrayList<>();
                    boolean matchNull = false;
                    for (int j = 0; j < raw.size(); j++) {
                        JsonNode v = raw.get(j);
                        if (isNull(v) || (column == SearchColumn.AGENT_ID && "unassigned".equals(v.asText()))) {
                            matchNull = true;
                        } else if (column == SearchColumn.CHANNEL && "all".equals(v.asText())) {
                            return null;
                        } else {
                            values.add(value(column, v, ".values[" + j + "]"));
                        }
                    }
                    return new SearchCriterion.In(column, values, matchNull, comparator.equals("not in"));
                }
                case "=", "!=" -> {
                    JsonNode v = value();
                    boolean negated = comparator.equals("!=");
                    if (isNull(v) || (column == SearchColumn.AGENT_ID && "unassigned".equals(v.asText()))) {
                        return new SearchCriterion.IsNull(column, negated);
                    }
                    if (column == SearchColumn.CHANNEL && "all".equals(v.asText())) {
                        return null;
                    }
                    return new SearchCriterion.In(column, List.of(value(column, v, ".value")), false, negated);
                }
                case "<", ">", "<=", ">=" -> {
                    JsonNode v = value();
                    if (isNull(v)) {
                        throw fail(".value", "filter " + shown(key) + ": " + comparator + " needs a value other than null");
                    }
                    return new SearchCriterion.Compare(column, comparator, value(column, v, ".value"));
                }
                default -> throw fail(".comparator", "filter " + shown(key) + " takes in, not in, =, !=, <, >, <=, >=, not "
                        + comparator);
            }
        }

        /** One value of a set key as the Java type it is bound as. */
        private Object value(SearchColumn column, JsonNode v, String where) {
            if (v.isContainerNode()) {
                throw fail(where, "filter " + shown(key) + ": a value is a string or a number");
            }
            String text = v.asText();
            if (text.indexOf('\u0000') >= 0) {
                throw fail(where, "filter " + shown(key) + ": text may not contain NUL");
            }
            if (text.length() > MAX_TEXT) {
                throw fail(where, "filter " + shown(key) + ": at most " + MAX_TEXT + " characters");
            }
            return switch (column.kind) {
                case BIGINT -> {
                    if (v.isIntegralNumber() && v.canConvertToLong()) {
                        yield v.asLong();
                    }
                    if (v.isTextual() && DIGITS.matcher(text.trim()).matches() && text.trim().length() < 19) {
                        yield Long.parseLong(text.trim());
                    }
                    String hint = column == SearchColumn.AGENT_ID ? " (or \"null\" / \"unassigned\")" : "";
                    if (column == SearchColumn.AGENT_ID && "team".equals(text)) {
                        throw new ApiException(400, "unsupported_filter", "filter t.agentId: the value team needs team "
                                + "membership, which this service does not hold yet", List.of(new FieldError(at + where,
                                        "unsupported value team")), null);
                    }
                    throw fail(where, "filter " + shown(key) + " needs integer ids" + hint + ", not " + shown(text));
                }
                case ENUM, RANK -> {
                    int rank = column.allowed().indexOf(text);
                    if (!v.isTextual() || rank < 0) {
                        throw fail(where, "filter " + shown(key) + ": " + shown(text) + " is not one of " + column.allowed());
                    }
                    yield column.kind == Kind.RANK ? (Object) (rank + 1) : text;
                }
                default -> text;
            };
        }

        // ---- date keys

        private SearchCriterion time(SearchColumn column, String comparator) {
            switch (comparator) {
                case "in", "not in" -> throw fail(".comparator", "filter " + shown(key)
                        + " is a date: use =, !=, <, >, <=, >=, between or not between, not " + comparator);
                case "between", "not between" -> {
                    if (f.from() == null || isNull(f.from())) {
                        throw fail(".from", "filter " + shown(key) + ": " + comparator + " needs from and to");
                    }
                    if (f.to() == null || isNull(f.to())) {
                        throw fail(".to", "filter " + shown(key) + ": " + comparator + " needs from and to");
                    }
                    Span from = span(f.from(), ".from");
                    Span to = span(f.to(), ".to");
                    return new SearchCriterion.TimeRange(column, from.start, to.end, comparator.equals("not between"));
                }
                default -> {
                    JsonNode v = value();
                    if (isNull(v)) {
                        return switch (comparator) {
                            case "=" -> new SearchCriterion.IsNull(column, false);
                            case "!=" -> new SearchCriterion.IsNull(column, true);
                            default -> throw fail(".value", "filter " + shown(key) + ": " + comparator
                                    + " needs a time, not null");
                        };
                    }
                    // a value names a span (a whole day for a date, a second otherwise); comparisons take it whole
                    Span s = span(v, ".value");
                    return switch (comparator) {
                        case "=" -> new SearchCriterion.TimeRange(column, s.start, s.end, false);
                        case "!=" -> new SearchCriterion.TimeRange(column, s.start, s.end, true);
                        case "<" -> new SearchCriterion.TimeRange(column, null, s.start, false);
                        case "<=" -> new SearchCriterion.TimeRange(column, null, s.end, false);
                        case ">" -> new SearchCriterion.TimeRange(column, s.end, null, false);
                        case ">=" -> new SearchCriterion.TimeRange(column, s.start, null, false);
                        default -> throw new IllegalStateException(comparator);
                    };
                }
            }
        }

        /** The time span a value names: [start, end). */
        private record Span(Instant start, Instant end) {
        }

        private Span span(JsonNode v, String where) {
            if (v.isContainerNode()) {
                throw fail(where, "filter " + shown(key) + ": a time is a string or unix seconds");
            }
            if (v.isIntegralNumber()) {
                return second(epoch(v.asLong(), where));
            }
            String text = v.asText().trim();
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.equals("CURRENT_DATE")) {
                LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
                return day(today);
            }
            if (upper.equals("CURRENT_TIME") || upper.equals("CURRENT_TIMESTAMP") || upper.equals("NOW()")) {
                return second(now);
            }
            Matcher m = RELATIVE.matcher(text);
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                ZonedDateTime at = now.atZone(ZoneOffset.UTC);
                ZonedDateTime shifted = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                    case "MINUTE" -> at.plusMinutes(amount);
                    case "HOUR" -> at.plusHours(amount);
                    case "DAY" -> at.plusDays(amount);
                    case "WEEK" -> at.plusWeeks(amount);
                    default -> at.plusMonths(amount);
                };
                return second(shifted.toInstant());
            }
            try {
                Instant instant = ApiTime.parse(text);
                if (text.length() == 10) {
                    return day(LocalDate.ofInstant(instant, ZoneOffset.UTC));
                }
                return second(instant);
            } catch (IllegalArgumentException e) {
                throw fail(where, "filter " + shown(key) + ": " + shown(text) + " is not a time; use YYYY-MM-DD[ HH:MM:SS], "
                        + "ISO-8601, unix seconds, CURRENT_DATE, CURRENT_TIME or a relative value such as -7 DAY "
                        + "(MINUTE, HOUR, DAY, WEEK, MONTH)");
            }
        }

        private Instant epoch(long seconds, String where) {
            try {
                return ApiTime.ofEpochSecond(seconds);
            } catch (IllegalArgumentException e) {
                throw fail(where, "filter " + shown(key) + ": " + e.getMessage());
            }
        }

        private static Span day(LocalDate day) {
            return new Span(day.atStartOfDay(ZoneOffset.UTC).toInstant(), day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }

        private static Span second(Instant at) {
            Instant start = at.truncatedTo(ChronoUnit.SECONDS);
            return new Span(start, start.plusSeconds(1));
        }

        // ---- tags

        /**
         * {@code tt.tagId} (the ticket's tags) and {@code i.aiAgentId} (the agents last detected on it): the ticket has
         * any of the ids (in), none of them (not in), the id (=) or not (!=); {@code "null"} stands for an empty set.
         */
        private SearchCriterion idSet(IdSet set, String comparator, String what) {
            switch (comparator) {
                case "in", "not in" -> {
                    boolean negated = comparator.equals("not in");
                    TagIds ids = tagIds(true, what);
                    SearchCriterion byIds = new SearchCriterion.Tags(set, negated ? TagMatch.EXCLUDED : TagMatch.ANY, ids.ids);
                    if (!ids.untagged) {
                        return byIds;
                    }
                    // "null" in the list: tickets with an empty set are (in) or are not (not in) meant too
                    return negated
                            ? new SearchCriterion.AllOf(byIds, new SearchCriterion.Untagged(set, false))
                            : new SearchCriterion.AnyOf(byIds, new SearchCriterion.Untagged(set, true));
                }
                case "=", "!=" -> {
                    JsonNode v = value();
                    boolean negated = comparator.equals("!=");
                    if (isNull(v)) {
                        return new SearchCriterion.Untagged(set, !negated);
                    }
                    long id = tagId(v, ".value", what);
                    return new SearchCriterion.Tags(set, negated ? TagMatch.EXCLUDED : TagMatch.ALL, List.of(id));
                }
                default -> throw fail(".comparator", "filter " + shown(key) + " takes in, not in, = or !=, not " + comparator);
            }
        }

        private SearchCriterion tagSet(TagMatch match) {
            if (f.comparator() != null) {
                String c = f.comparator().trim().toLowerCase(Locale.ROOT);
                if (!c.equals("in") && !c.equals("=")) {
                    throw fail(".comparator", "filter " + shown(key) + " takes values with the comparator in, not "
                            + shown(f.comparator()));
                }
            }
            return new SearchCriterion.Tags(match, tagIds(false, "tag").ids);
        }

        private record TagIds(List<Long> ids, boolean untagged) {
        }

        private TagIds tagIds(boolean nullAllowed, String what) {
            List<JsonNode> raw = values();
            List<Long> ids = new ArrayList<>();
            boolean untagged = false;
            for (int j = 0; j < raw.size(); j++) {
                JsonNode v = raw.get(j);
                if (nullAllowed && isNull(v)) {
                    untagged = true;
                } else {
                    ids.add(tagId(v, ".values[" + j + "]", what));
                }
            }
            return new TagIds(List.copyOf(ids), untagged);
        }

        private long tagId(JsonNode v, String where, String what) {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.asLong();
            }
            String text = v.asText().trim();
            if (v.isTextual() && DIGITS.matcher(text).matches() && text.length() < 19) {
                return Long.parseLong(text);
            }
            throw fail(where, "filter " + shown(key) + " needs integer " + what + " ids, not " + shown(v.asText()));
        }

        // ---- q

        private SearchCriterion fullText() {
            if (f.comparator() != null && !f.comparator().trim().equals("=")) {
                throw fail(".comparator", "filter q takes a value (comparator = or none), not " + shown(f.comparator()));
            }
            JsonNode v = value();
            if (isNull(v) || v.isContainerNode()) {
                throw fail(".value", "filter q needs a text");
            }
            String q = v.asText().trim();
            if (q.indexOf('\u0000') >= 0) {
                throw fail(".value", "filter q: text may not contain NUL");
            }
            if (q.length() > MAX_QUERY) {
                throw fail(".value", "filter q: at most " + MAX_QUERY + " characters");
            }
            if (DIGITS.matcher(q).matches()) {
                Long id = q.length() < 19 ? Long.parseLong(q) : null;
                return new SearchCriterion.FullText(q, id, true);
            }
            long letters = q.codePoints().filter(cp -> !Character.isDigit(cp) && !Character.isWhitespace(cp)).count();
            if (letters < MIN_QUERY_LETTERS) {
                return new SearchCriterion.Nothing();
            }
            return new SearchCriterion.FullText(q, null, false);
        }

        // ---- shared

        private List<JsonNode> values() {
            if (f.values() == null) {
                throw fail(".values", "filter " + shown(key) + " needs values (a list)");
            }
            if (f.values().size() > MAX_VALUES) {
                throw fail(".values", "filter " + shown(key) + ": at most " + MAX_VALUES + " values");
            }
            return f.values().stream().map(v -> v == null ? NullNode.getInstance() : v)
                    .toList();
        }

        private JsonNode value() {
            if (f.value() == null) {
                throw fail(".value", "filter " + shown(key) + " needs a value");
            }
            return f.value();
        }

        private static boolean isNull(JsonNode v) {
            return v == null || v.isNull() || (v.isTextual() && v.asText().equals("null"));
        }

        private ApiException fail(String where, String message) {
            return new ApiException(400, ApiException.VALIDATION_FAILED, at + where + ": " + message,
                    List.of(new FieldError(at + where, message)), null);
        }
    }

    /** A client's text in a message: quoted and cut short. */
    static String shown(String text) {
        String t = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + t + "'";
    }
}
