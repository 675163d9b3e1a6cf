package mind.settings.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import mind.common.auth.ApiKeyDirectory;
import mind.common.auth.ApiKeyIdentity;

/**
 * API keys inside settings-svc: read from this service's own database on every request, not over HTTP
 * and not cached, so a key revoked here is refused here at once. Replaces common's default.
 */
@ApplicationScoped
public class LocalApiKeyDirectory implements ApiKeyDirectory {

    private final ApiKeyService keys;

    public LocalApiKeyDirectory(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ApiKeyIdentity> resolve(String key) {
        return keys.resolve(key);
    }
}
