package mind.common.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error body every Mind service returns:
 * {@code {"success":false,"error":"...","code":"...","details":[{"field":"...","message":"..."}]}}.
 * {@code correlationId} is set on 500s only and is the same id the log line carries.
 *
 * <p>Registered for reflection by hand: the exception mappers write it as the entity of a plain
 * {@code Response}, whose entity type the build cannot see (typed return values are registered
 * by Quarkus itself), so a native image would otherwise not know its accessors.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(boolean success, String error, String code, List<FieldError> details, String correlationId) {

    public ApiError(String error, String code, List<FieldError> details) {
        this(false, error, code, details == null ? List.of() : details, null);
    }
}
