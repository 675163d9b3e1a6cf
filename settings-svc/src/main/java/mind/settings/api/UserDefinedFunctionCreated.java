package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UserDefinedFunctionCreated")
public record UserDefinedFunctionCreated(boolean success, long id) {
}
