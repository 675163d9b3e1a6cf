package mind.ticket.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The tag names tickets show, read from settings-svc and held in memory ({@code mind.ticket.tags.*}). */
@ConfigMapping(prefix = "mind.ticket.tags")
public interface TagDirectoryConfig {

    /**
     * How old the names may get before a read asks settings-svc again. The read that finds them older still answers
     * with them at once; the new names serve the reads after the refresh.
     */
    @WithDefault("60s")
    Duration ttl();

    /**
     * The least time between two calls to settings-svc, whatever asks for them: a tag id the names do not hold (a tag
     * made after the last refresh, or one deleted since) or a failed call would otherwise send one per read.
     */
    @WithDefault("10s")
    Duration minRefreshInterval();

    /**
     * How long a read waits for the very first load of the names (only until one load has been tried; after that no
     * read waits). Past it the read answers without names and the load goes on in the background.
     */
    @WithDefault("1s")
    Duration firstLoadWait();
}
