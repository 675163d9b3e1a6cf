package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.settings.domain.UdfExecutorType;
import mind.settings.domain.UdfLanguage;
import mind.settings.domain.UdfType;
import mind.settings.domain.UserDefinedFunction;

/** enneo's UserDefinedFunction schema. */
@Schema(name = "UserDefinedFunction")
public record UserDefinedFunctionView(long id, String name, UdfType type, Data data) {

    @Schema(name = "UserDefinedFunctionData")
    public record Data(Executor udfExecutor) {
    }

    @Schema(name = "UdfExecutor")
    public record Executor(
            @Schema(description = "The executor of a stored function has the function's id") long id,
            String code,
            UdfExecutorType type,
            UdfLanguage language,
            String packages,
            @Schema(description = "An object or array describing the input") JsonNode parameters) {
    }

    /** Built by the service while the function is still managed. */
    public static UserDefinedFunctionView of(UserDefinedFunction f) {
        return new UserDefinedFunctionView(f.id, f.name, f.type, new Data(new Executor(f.id, f.code,
                UdfExecutorType.sourceCode, f.language, f.packages, f.parameters)));
    }
}
