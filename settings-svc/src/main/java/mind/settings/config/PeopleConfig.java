package mind.settings.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of tags, profiles and teams ({@code mind.people.*}). */
@ConfigMapping(prefix = "mind.people")
public interface PeopleConfig {

    /** Upper bound of a tag's detectionDetails or testCase as compact UTF-8 JSON. */
    @WithDefault("65536")
    int maxTagJsonBytes();

    /** Upper bound of top-level keys in a tag's detectionDetails or testCase. */
    @WithDefault("200")
    int maxTagJsonKeys();

    /** lastSeen is written at most this often per profile, so that reads do not each cost a write. */
    @WithDefault("60s")
    Duration lastSeenGranularity();

    /** Most of the caller's open tickets GET /profile lists (newest first). */
    @WithDefault("100")
    int callerTicketsLimit();

    /** Seconds a 503 asks the client to wait when ticket-svc cannot be asked (Retry-After). */
    @WithDefault("5")
    int ticketRetryAfterSeconds();

    /**
     * The analytics (Apache Superset) role names GET /profile/{id}/supersetRoles offers. Mind has no analytics
     * integration of its own: none unless an operator names the roles of theirs.
     */
    Optional<List<String>> supersetRoles();
}
