package mind.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token of the API key form, on its way to {@link ApiKeyIdentityProvider}. */
public class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest";
    }
}
