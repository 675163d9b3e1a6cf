package mind.common.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** settings-svc's answer to POST /settings/event-hook/events: how many events it took, how many hook runs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HookEventsAccepted(boolean success, Integer accepted, Integer runs) {
}
