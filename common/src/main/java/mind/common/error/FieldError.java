package mind.common.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One offending input field: its JSON path (for example {@code transcript[0].speaker}) and what is
 * wrong. Registered for reflection like {@link ApiError}, which it is part of.
 */
@RegisterForReflection
public record FieldError(String field, String message) {
}
