package mind.settings.service;

import java.util.Map;

import mind.common.api.Channel;
import mind.settings.domain.SubchannelInterface;

/** What a create carries into the service; null optional fields take their defaults. */
public record NewSubchannel(Channel channel, String name, Boolean isDefault, SubchannelInterface subchannelInterface,
        Boolean enabled, Map<String, Object> data) {
}
