package mind.settings.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import mind.common.api.Channel;
import mind.common.secrets.SecretMask;
import mind.settings.domain.Subchannel;
import mind.settings.domain.SubchannelInterface;

/** A subchannel as enneo's Subchannel schema shows it; secrets in {@code data} masked unless revealed. */
public record SubchannelView(
        long id,
        Channel channel,
        String name,
        @JsonProperty("isDefault") boolean isDefault,
        @JsonProperty("interface") SubchannelInterface subchannelInterface,
        boolean enabled,
        Map<String, Object> data) {

    /**
     * Built by the service while the subchannel is still managed.
     *
     * @param openedData the data with its secrets opened, to show as they are; null to show the stored data
     *                   with every secret masked
     */
    public static SubchannelView of(Subchannel s, Map<String, Object> openedData) {
        return new SubchannelView(s.id, s.channel, s.name, s.isDefault, s.subchannelInterface, s.enabled,
                openedData != null ? openedData : SecretMask.masked(s.data));
    }
}
