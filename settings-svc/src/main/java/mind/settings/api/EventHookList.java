package mind.settings.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventHookList")
public record EventHookList(boolean success, List<EventHookView> eventHooks) {
}
