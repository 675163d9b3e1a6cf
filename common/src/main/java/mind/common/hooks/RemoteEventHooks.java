package mind.common.hooks;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** settings-svc's answer to GET /settings/event-hook, as far as the relay reads it: each hook's event type. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteEventHooks(List<Hook> eventHooks) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hook(String event) {
    }
}
