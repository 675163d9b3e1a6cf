package mind.common.auth;

import java.util.Optional;

/**
 * Finds what an API key stands for. Every service gets {@link RemoteApiKeyDirectory} (settings-svc over
 * HTTP, answers kept a few seconds); settings-svc, which issues and revokes the keys, provides its own
 * bean that reads them locally, so a revoked key is refused there at once.
 */
public interface ApiKeyDirectory {

    /**
     * The identity of a valid key (known, not revoked, not expired, its profile still there), else empty.
     * Called on a worker thread.
     *
     * @throws mind.common.error.ApiException 503 when the keys cannot be reached
     */
    Optional<ApiKeyIdentity> resolve(String key);
}
