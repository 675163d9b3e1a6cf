package mind.settings.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import mind.settings.domain.ApiKey;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepository<ApiKey> {

    /** A profile's keys, newest first. */
    public List<ApiKey> ofProfile(long profileId) {
        return list("profileId", Sort.descending("id"), profileId);
    }

    /** Keys of the profile that still work (neither revoked nor expired). */
    public long usable(long profileId, Instant now) {
        return count("profileId = ?1 and revokedAt is null and expiresAt > ?2", profileId, now);
    }

    /** Records a use at most once a minute per key: one conditional UPDATE, nothing when recent. */
    public void touch(long id, Instant now) {
        update("lastUsedAt = ?2 where id = ?1 and (lastUsedAt is null or lastUsedAt < ?3)", id, now, now.minusSeconds(60));
    }
}
