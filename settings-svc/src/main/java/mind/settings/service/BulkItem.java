package mind.settings.service;

import java.util.List;

import mind.common.error.ApiException;
import mind.common.error.FieldError;

/**
 * One item of a bulk request as it was sent: its {@code id} as far as it could be read, and either the item
 * read as {@code T} or why it could not be (a value of the wrong type, an unknown enum name), which becomes
 * that item's failure.
 */
public record BulkItem<T>(Long id, T value, ApiException unreadable) {

    /** Most items one bulk request may hold (413 too_many_items above). */
    public static final int MAX_ITEMS = 100;

    /** 1 to {@link #MAX_ITEMS} items, else the whole request is refused (400 naming the field, 413 above). */
    public static void checkSize(String field, int items) {
        if (items == 0) {
            throw ApiException.invalidField(field, "must hold at least one profile");
        }
        if (items > MAX_ITEMS) {
            throw new ApiException(413, "too_many_items", "A bulk update takes at most " + MAX_ITEMS + " profiles",
                    List.of(new FieldError(field, "must hold at most " + MAX_ITEMS + " profiles")), null);
        }
    }

    /** One item's outcome; {@code error}, {@code code} and {@code details} only for a failed item. */
    public record Result<V>(Long id, boolean success, String error, String code, int status, List<FieldError> details,
            V value) {

        static <V> Result<V> ok(long id, V value) {
            return new Result<>(id, true, null, null, 200, List.of(), value);
        }

        static <V> Result<V> failed(Long id, ApiException e) {
            return new Result<>(id, false, e.getMessage(), e.code(), e.status(), e.details(), null);
        }
    }

    /** An atomic bulk update that wrote nothing: every item's result, and the first failure. */
    public static class Refused extends RuntimeException {
        private final List<Result<?>> results;
        private final Result<?> first;

        Refused(List<Result<?>> results, Result<?> first) {
            super(first.error(), null, false, false);
            this.results = List.copyOf(results);
            this.first = first;
        }

        public List<Result<?>> results() {
            return results;
        }

        public Result<?> first() {
            return first;
        }
    }
}
