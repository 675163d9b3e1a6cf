package mind.settings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** settings-svc's tunables ({@code mind.settings.*}). */
@ConfigMapping(prefix = "mind.settings")
public interface SettingsConfig {

    SubchannelLimits subchannel();

    Encryption encryption();

    interface Encryption {

        /**
         * The Tink AEAD keyset (Tink's JSON keyset format, as text or base64) that seals secrets at rest.
         * Required outside dev and test; a Kubernetes Secret in the cluster. See README, "Secrets at rest".
         */
        java.util.Optional<String> keyset();
    }

    interface SubchannelLimits {

        /** Upper bound of a subchannel's {@code data} as compact UTF-8 JSON; mailbox credentials and bot settings fit many times over. */
        @WithDefault("65536")
        int maxDataBytes();

        /** Upper bound of top-level keys in {@code data}. */
        @WithDefault("200")
        int maxDataKeys();
    }
}
