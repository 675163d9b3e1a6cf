package mind.settings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of user-defined functions ({@code mind.settings.udf.*}). */
@ConfigMapping(prefix = "mind.settings.udf")
public interface UdfConfig {

    /** Upper bound of a function's source code in UTF-8 bytes. */
    @WithDefault("262144")
    int maxCodeBytes();

    /** Upper bound of {@code parameters} (an object or array) as compact UTF-8 JSON. */
    @WithDefault("65536")
    int maxParametersBytes();

    /** Upper bound of {@code packages} (the dependency list handed to the executor) in characters. */
    @WithDefault("4096")
    int maxPackagesLength();
}
