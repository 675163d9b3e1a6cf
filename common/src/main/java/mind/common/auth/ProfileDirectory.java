package mind.common.auth;

import java.util.Optional;

/**
 * Finds the profile named in {@code X-Enneo-On-Behalf-Of}. Every service gets
 * {@link RemoteProfileDirectory} (settings-svc over HTTP, cached briefly); settings-svc, which owns the
 * profiles, provides its own bean that reads them locally and thereby replaces the default.
 */
public interface ProfileDirectory {

    /**
     * The profile with this id, or empty when there is none. Called on a worker thread.
     *
     * @param callerToken the verified bearer token of the request, for a lookup that must authenticate
     * @throws mind.common.error.ApiException 503 when the profiles cannot be reached
     */
    Optional<ActingProfile> find(long profileId, String callerToken);
}
