package mind.common.error;

/** One offending input field: its JSON path (for example {@code transcript[0].speaker}) and what is wrong. */
public record FieldError(String field, String message) {
}
