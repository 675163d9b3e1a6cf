package mind.settings.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** API keys ({@code mind.settings.api-keys.*}): how long they live and how many a profile may hold. */
@ConfigMapping(prefix = "mind.settings.api-keys")
public interface ApiKeyConfig {

    /** Life of a key issued without {@code expiresAt}. */
    @WithDefault("365d")
    Duration defaultLifetime();

    /** Longest life a key may be given. */
    @WithDefault("730d")
    Duration maxLifetime();

    /** Keys a profile may hold that are neither revoked nor expired; one more is a 409. */
    @WithDefault("50")
    int maxPerProfile();
}
