package mind.settings.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;

import mind.settings.config.MicrosoftOAuthConfig;

/**
 * Microsoft's token endpoint, through Nimbus oauth2-oidc-sdk: the authorization-code grant with the PKCE
 * verifier, and the refresh-token grant. Never retried: a code is single use, and Microsoft may rotate
 * the refresh token on every use. Nothing secret (code, verifier, client secret, tokens) is logged or put
 * into an exception.
 */
@ApplicationScoped
public class MicrosoftTokenEndpoint {

    private static final Logger LOG = Logger.getLogger(MicrosoftTokenEndpoint.class);

    /** Used when the answer has no expires_in; Microsoft's access tokens live 60 to 90 minutes. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final MicrosoftOAuthConfig config;

    public MicrosoftTokenEndpoint(MicrosoftOAuthConfig config) {
        this.config = config;
    }

    /** Exchanges an authorization code; {@code redirectUri} must be the one the authorization named. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public TokenOutcome exchange(String code, String codeVerifier, URI redirectUri) {
        return send(new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(codeVerifier)),
                "authorization code");
    }

    /**
     * Redeems a refresh token. Runs inside the caller's transaction on purpose: the caller holds the
     * subchannel's lock across this call so that concurrent callers refresh once.
     */
    public TokenOutcome refresh(String refreshToken) {
        return send(new RefreshTokenGrant(new RefreshToken(refreshToken)), "refresh token");
    }

    private TokenOutcome send(AuthorizationGrant grant, String what) {
        ClientID clientId = new ClientID(config.clientId().orElseThrow());
        Scope scope = Scope.parse(config.scopes());
        URI endpoint = config.tokenEndpoint();
        TokenRequest request = config.clientSecret()
                .map(secret -> new TokenRequest(endpoint, new ClientSecretPost(clientId, new Secret(secret)), grant, scope))
                .orElseGet(() -> new TokenRequest(endpoint, clientId, grant, scope));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout((int) config.connectTimeout().toMillis());
        http.setReadTimeout((int) config.readTimeout().toMillis());
        HTTPResponse response;
        try {
            response = http.send();
        } catch (IOException e) {
            LOG.warnf("Microsoft token endpoint %s unreachable for the %s grant: %s", endpoint, what, e.getClass().getSimpleName());
            throw new TokenEndpointUnavailableException("The Microsoft token endpoint could not be reached");
        }
        int status = response.getStatusCode();
        if (status >= 500 || status == 429) {
            LOG.warnf("Microsoft token endpoint %s answered %d to the %s grant", endpoint, status, what);
            throw new TokenEndpointUnavailableException("The Microsoft token endpoint answered " + status);
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            LOG.warnf("Microsoft token endpoint %s answered %d to the %s grant with a body that is no token response",
                    endpoint, status, what);
            throw new TokenEndpointUnavailableException("The Microsoft token endpoint gave an unreadable answer");
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            String code = errorCode(error == null ? null : error.getCode());
            // error_description is Microsoft's text for people (trace ids, no secrets); worth having in the log
            LOG.infof("Microsoft token endpoint refused the %s grant: %s (%s)", what, code,
                    error == null ? "" : error.getDescription());
            return new TokenOutcome.Refused(code);
        }
        AccessTokenResponse ok = parsed.toSuccessResponse();
        Tokens tokens = ok.getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Scope granted = tokens.getAccessToken().getScope();
        return new TokenOutcome.Granted(tokens.getAccessToken().getValue(),
                tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue(),
                lifetime > 0 ? Duration.ofSeconds(lifetime) : DEFAULT_LIFETIME,
                granted == null ? null : granted.toString());
    }

    /**
     * An OAuth error code as it may be shown or put into a URL: OAuth codes are {@code [a-z_]}; anything
     * else (another server's free text) is reduced to {@code unknown_error}.
     */
    public static String errorCode(String code) {
        return code != null && code.matches("[a-z_]{1,64}") ? code : "unknown_error";
    }
}
