package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventHookResponse")
public record EventHookOne(boolean success, EventHookView eventHook) {
}
