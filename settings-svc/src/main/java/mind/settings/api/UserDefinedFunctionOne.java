package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UserDefinedFunctionResponse")
public record UserDefinedFunctionOne(boolean success, UserDefinedFunctionView userDefinedFunction) {
}
