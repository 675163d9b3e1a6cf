package mind.common.error;

import java.util.List;

/**
 * A failure with a known HTTP status, stable code and message for a person. Thrown by any layer;
 * {@link ErrorMappers} turns it into the {@link ApiError} shape.
 */
public class ApiException extends RuntimeException {

    /** The code of every 400 that names offending fields, whichever layer found them. */
    public static final String VALIDATION_FAILED = "validation_failed";

    private final int status;
    private final String code;
    private final List<FieldError> details;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message, List<FieldError> details, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of(), null);
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, VALIDATION_FAILED, field + ": " + message, List.of(new FieldError(field, message)), null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, "dependency_unavailable", message, List.of(), retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
