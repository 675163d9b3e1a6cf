package mind.settings.api;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

import mind.common.api.Channel;
import mind.settings.domain.SubchannelInterface;
import mind.settings.service.NewSubchannel;

/**
 * Body of {@code POST /settings/subchannel}: a Subchannel whose {@code id} is ignored. Only
 * {@code channel} and {@code name} are required.
 */
public record SubchannelRequest(
        Long id,
        @NotNull Channel channel,
        @NotBlank @Size(max = 255) String name,
        @JsonProperty("isDefault") Boolean isDefault,
        @JsonProperty("interface") SubchannelInterface subchannelInterface,
        Boolean enabled,
        // bounded in size and keys by SubchannelService (mind.settings.subchannel.*)
        Map<String, Object> data) {

    NewSubchannel toNewSubchannel() {
        return new NewSubchannel(channel, name, isDefault, subchannelInterface, enabled, data);
    }
}
