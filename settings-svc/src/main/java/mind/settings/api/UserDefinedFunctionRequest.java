package mind.settings.api;

import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import mind.common.error.ApiException;
import mind.settings.domain.UdfExecutorType;
import mind.settings.domain.UdfLanguage;
import mind.settings.domain.UdfType;
import mind.settings.service.NewUserDefinedFunction;

/**
 * Body of {@code POST /settings/user-defined-function}, in either of two shapes: enneo's documented
 * UserDefinedFunction ({@code name, type, data.udfExecutor{code, language, packages, parameters}}) or
 * the short form clients send ({@code name, code, language, isTool}). Both may be mixed; a value given
 * in both places must be the same.
 */
@Schema(name = "UserDefinedFunctionRequest")
public record UserDefinedFunctionRequest(
        @Schema(description = "Ignored; generated") Long id,
        @NotBlank @Size(max = 100)
        @Pattern(regexp = NAME_PATTERN, message = "must start with a letter or _ and hold only letters, digits, _ and -")
        @Schema(description = "Called by this name (POST /executor/execute/{name}); unique regardless of case",
                pattern = NAME_PATTERN, maxLength = 100)
        String name,
        @Schema(description = "tool (offered to smart agents) or udf; default udf") UdfType type,
        @JsonProperty("isTool") @Schema(description = "Short form of type: true = tool, false = udf") Boolean isTool,
        @Schema(description = "Short form of data.udfExecutor.code") String code,
        @Schema(description = "Short form of data.udfExecutor.language") UdfLanguage language,
        @Schema(description = "Short form of data.udfExecutor.packages") String packages,
        @Schema(description = "Short form of data.udfExecutor.parameters") JsonNode parameters,
        @Valid Data data) {

    /** A name usable as a path segment and as an identifier in every supported language. */
    public static final String NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_-]*$";

    @Schema(name = "UserDefinedFunctionRequestData")
    public record Data(@Valid Executor udfExecutor) {
    }

    @Schema(name = "UserDefinedFunctionRequestExecutor")
    public record Executor(
            @Schema(description = "Ignored; the executor takes the function's id") Long id,
            String code,
            @Schema(description = "Only sourceCode") UdfExecutorType type,
            UdfLanguage language,
            String packages,
            @Schema(description = "An object or array describing the input") JsonNode parameters) {
    }

    NewUserDefinedFunction toNew() {
        Executor executor = data == null || data.udfExecutor() == null
                ? new Executor(null, null, null, null, null, null)
                : data.udfExecutor();
        Picked<String> pickedCode = pick("code", code, executor.code());
        Picked<UdfLanguage> pickedLanguage = pick("language", language, executor.language());
        Picked<String> pickedPackages = pick("packages", packages, executor.packages());
        Picked<JsonNode> pickedParameters = pick("parameters", parameters, executor.parameters());
        if (pickedCode.value() == null) {
            throw ApiException.invalidField("code", "is required (as code or data.udfExecutor.code)");
        }
        if (pickedLanguage.value() == null) {
            throw ApiException.invalidField("language", "is required (as language or data.udfExecutor.language); "
                    + "one of python311, node20, php82");
        }
        UdfType fromFlag = isTool == null ? null : isTool ? UdfType.tool : UdfType.udf;
        if (type != null && fromFlag != null && type != fromFlag) {
            throw ApiException.invalidField("isTool", "contradicts type " + type);
        }
        UdfType picked = type != null ? type : fromFlag != null ? fromFlag : UdfType.udf;
        return new NewUserDefinedFunction(name, picked, pickedLanguage.value(), pickedCode.value(), pickedCode.field(),
                pickedPackages.value(), pickedPackages.field(), pickedParameters.value(), pickedParameters.field());
    }

    private record Picked<T>(T value, String field) {
    }

    /** The value of the short form or of data.udfExecutor, whichever is given; both given must agree. */
    private static <T> Picked<T> pick(String field, T shortForm, T executorForm) {
        String executorField = "data.udfExecutor." + field;
        if (shortForm != null && executorForm != null && !Objects.equals(shortForm, executorForm)) {
            throw ApiException.invalidField(field, "differs from " + executorField + "; give it once");
        }
        return shortForm != null ? new Picked<>(shortForm, field) : new Picked<>(executorForm, executorField);
    }
}
