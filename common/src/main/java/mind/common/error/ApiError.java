package mind.common.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error body every Mind service returns:
 * {@code {"success":false,"error":"...","code":"...","details":[{"field":"...","message":"..."}]}}.
 * {@code correlationId} is set on 500s only and is the same id the log line carries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(boolean success, String error, String code, List<FieldError> details, String correlationId) {

    public ApiError(String error, String code, List<FieldError> details) {
        this(false, error, code, details == null ? List.of() : details, null);
    }
}
