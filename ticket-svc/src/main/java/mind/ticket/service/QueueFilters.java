package mind.ticket.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.api.Channel;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.ticket.api.QueueFilterItem;
import mind.ticket.domain.QueueFilter;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.Status;

/**
 * Checks getLatest's filters: known keys only (the search grammar's keys that make sense for the
 * queue), comparators in / not in / = / !=, values valid for the key. Every problem is reported at
 * once, each naming its field ({@code filters[1].key}).
 */
final class QueueFilters {

    static final int MAX_FILTERS = 20;
    static final int MAX_VALUES = 100;

    /** Every key by its name, with and without its prefix ({@code t.status}, {@code status}). */
    private static final Map<String, QueueFilter.Key> KEYS = Arrays.stream(QueueFilter.Key.values())
            .flatMap(k -> Stream.of(Map.entry(k.apiName, k), Map.entry(k.shortName, k)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private QueueFilters() {
    }

    static List<QueueFilter> parse(List<QueueFilterItem> items) {
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        if (items.size() > MAX_FILTERS) {
            throw ApiException.invalidField("filters", "at most " + MAX_FILTERS + " filters");
        }
        List<FieldError> errors = new ArrayList<>();
        List<QueueFilter> filters = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            QueueFilterItem item = items.get(i);
            String at = "filters[" + i + "]";
            if (item == null) {
                errors.add(new FieldError(at, "must be a filter object"));
                continue;
            }
            QueueFilter.Key key = item.key() == null ? null : KEYS.get(item.key());
            if (key == null) {
                errors.add(new FieldError(at + ".key", item.key() == null ? "is required"
                        : "unknown key '" + clip(item.key()) + "'; getLatest accepts " + String.join(", ", KEYS.keySet().stream().sorted().toList())));
                continue;
            }
            String comparator = item.comparator() == null ? (item.values() != null ? "in" : "=") : item.comparator();
            List<JsonNode> raw;
            boolean negated;
            switch (comparator) {
                case "in", "not in" -> {
                    negated = comparator.equals("not in");
                    if (item.values() == null || item.values().isEmpty()) {
                        errors.add(new FieldError(at + ".values", "is required with " + comparator + " and may not be empty"));
                        continue;
                    }
                    if (item.values().size() > MAX_VALUES) {
                        errors.add(new FieldError(at + ".values", "at most " + MAX_VALUES + " values"));
                        continue;
                    }
                    raw = item.values();
                }
                case "=", "!=" -> {
                    negated = comparator.equals("!=");
                    if (item.value() == null || item.value().isNull()) {
                        errors.add(new FieldError(at + ".value", "is required with " + comparator));
                        continue;
                    }
                    raw = List.of(item.value());
                }
                default -> {
                    errors.add(new FieldError(at + ".comparator", "'" + clip(comparator) + "' is not supported here; use in, not in, = or !="));
                    continue;
                }
            }
            List<String> values = new ArrayList<>();
            String valuesField = comparator.endsWith("in") ? at + ".values" : at + ".value";
            for (int j = 0; j < raw.size(); j++) {
                String field = comparator.endsWith("in") ? valuesField + "[" + j + "]" : valuesField;
                String value = check(key, raw.get(j));
                if (value == null) {
                    errors.add(new FieldError(field, "must be one of " + allowed(key)));
                } else {
                    values.add(value);
                }
            }
            filters.add(new QueueFilter(key, negated, values));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, ApiException.VALIDATION_FAILED,
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors, null);
        }
        return filters;
    }

    /** The value as the database holds it, or null when it is not valid for the key. */
    private static String check(QueueFilter.Key key, JsonNode node) {
        if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
            return null;
        }
        String text = node.asText();
        return switch (key) {
            case CHANNEL -> node.isTextual() && is(Channel.values(), text) ? text : null;
            case PRIORITY -> node.isTextual() && is(Priority.values(), text) ? text : null;
            case STATUS -> node.isTextual() && is(Status.values(), text) ? text : null;
            case TAG -> text.matches("\\d{1,18}") ? text : null;
        };
    }

    private static String allowed(QueueFilter.Key key) {
        return switch (key) {
            case CHANNEL -> Arrays.toString(Channel.values());
            case PRIORITY -> Arrays.toString(Priority.values());
            case STATUS -> Arrays.toString(Status.values());
            case TAG -> "tag ids (positive integers)";
        };
    }

    private static boolean is(Enum<?>[] constants, String text) {
        Predicate<Enum<?>> named = c -> c.name().equals(text);
        return Arrays.stream(constants).anyMatch(named);
    }

    /** Echoed text is bounded: it ends up in an answer and maybe a log. */
    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
