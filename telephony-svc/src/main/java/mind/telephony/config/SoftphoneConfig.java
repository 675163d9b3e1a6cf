package mind.telephony.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The tokens agents' softphones get from {@code GET /telephony/getToken} ({@code mind.telephony.softphone.*}). */
@ConfigMapping(prefix = "mind.telephony.softphone")
public interface SoftphoneConfig {

    /**
     * The HMAC-SHA256 key tokens are signed with, shared with the softphone gateway that checks them (at least
     * 32 bytes). A secret: from the environment (MIND_TELEPHONY_SOFTPHONE_SIGNING_KEY), never logged or answered.
     * Unset: getToken answers 501 softphone_not_configured.
     */
    Optional<String> signingKey();

    /** Key id written into the token header ({@code kid}), so that the gateway can rotate keys; unset: none. */
    Optional<String> keyId();

    /** {@code aud} of the token: the softphone gateway. */
    @WithDefault("mind-softphone")
    String audience();

    /** {@code iss} of the token. */
    @WithDefault("mind-telephony")
    String issuer();

    /** How long a token is valid (10 s to 24 h). */
    @WithDefault("5m")
    Duration ttl();
}
