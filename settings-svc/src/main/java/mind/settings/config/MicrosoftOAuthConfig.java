package mind.settings.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.core.UriBuilder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Microsoft mailbox OAuth flow ({@code mind.settings.microsoft.*}): the app registered in Entra ID
 * and where the browser goes. See README, "Microsoft mailbox OAuth".
 */
@ConfigMapping(prefix = "mind.settings.microsoft")
public interface MicrosoftOAuthConfig {

    /** The application (client) id registered in Entra ID; without it the flow answers 501 {@code mailbox_oauth_not_configured}. */
    Optional<String> clientId();

    /** The client secret of a confidential client (sent as {@code client_secret}); absent for a public client. */
    Optional<String> clientSecret();

    /** Directory tenant: {@code common}, {@code organizations}, a tenant id or domain. */
    @WithDefault("common")
    String tenant();

    /** Defaults to {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize}. */
    Optional<URI> authorizeUrl();

    /** Defaults to {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}. */
    Optional<URI> tokenUrl();

    /** Space-separated scopes asked for; offline_access brings the refresh token. */
    @WithDefault("offline_access https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send")
    String scopes();

    /**
     * This service's callback as Microsoft reaches it through the ingress
     * ({@code https://<host>/api/mind/settings/mailbox/microsoft/callback}); registered in Entra ID as a
     * redirect URI. Without it the flow answers 501 {@code mailbox_oauth_not_configured}.
     */
    Optional<URI> redirectUri();

    /**
     * Where the browser is sent after the callback, with {@code mailboxAuth=success|error} added. Absent:
     * the callback answers JSON instead (200 on success, the error shape otherwise).
     */
    Optional<URI> frontendRedirect();

    /** How long an authorization started with a state may take to come back. */
    @WithDefault("10m")
    Duration stateTtl();

    /** An access token expiring within this margin is refreshed before it is handed out. */
    @WithDefault("5m")
    Duration refreshMargin();

    /** Connect timeout towards the token endpoint. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Read timeout towards the token endpoint; a refresh holds its subchannel's lock at most this long. */
    @WithDefault("10s")
    Duration readTimeout();

    default URI authorizeEndpoint() {
        return authorizeUrl().orElseGet(() -> UriBuilder.fromUri(IDENTITY_PLATFORM).path("authorize").build(tenant()));
    }

    default URI tokenEndpoint() {
        return tokenUrl().orElseGet(() -> UriBuilder.fromUri(IDENTITY_PLATFORM).path("token").build(tenant()));
    }

    /** Microsoft identity platform v2 endpoints, per tenant. */
    String IDENTITY_PLATFORM = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/";
}
