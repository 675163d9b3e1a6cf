package mind.settings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** settings-svc's tunables ({@code mind.settings.*}). */
@ConfigMapping(prefix = "mind.settings")
public interface SettingsConfig {

    SubchannelLimits subchannel();

    interface SubchannelLimits {

        /** Upper bound of a subchannel's {@code data} as compact UTF-8 JSON; mailbox credentials and bot settings fit many times over. */
        @WithDefault("65536")
        int maxDataBytes();

        /** Upper bound of top-level keys in {@code data}. */
        @WithDefault("200")
        int maxDataKeys();
    }
}
