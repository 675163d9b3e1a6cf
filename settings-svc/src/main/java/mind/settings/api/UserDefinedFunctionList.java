package mind.settings.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UserDefinedFunctionList")
public record UserDefinedFunctionList(boolean success, List<UserDefinedFunctionView> userDefinedFunctions) {
}
