package mind.settings.service;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

import mind.common.error.ApiException;
import mind.settings.client.MicrosoftTokenEndpoint;
import mind.settings.client.TokenEndpointUnavailableException;
import mind.settings.client.TokenOutcome;
import mind.settings.config.MicrosoftOAuthConfig;
import mind.settings.crypto.SecretBox;
import mind.common.crypto.UnreadableSecretException;

/**
 * The Microsoft authorization-code flow with PKCE (S256) for a mailbox subchannel: the redirect to
 * Microsoft, and the callback that checks the state, exchanges the code and stores the tokens.
 *
 * <p>The state sent to Microsoft is the id of a server-side row (256 random bits) sealed with the
 * service's keyset: it is authenticated (a changed or invented state does not open), bound to its row
 * (subchannel, sealed code_verifier, expiry) and used once (consumed in one conditional UPDATE).
 */
@ApplicationScoped
public class MailboxAuthorization {

    private static final Logger LOG = Logger.getLogger(MailboxAuthorization.class);

    /** Associated data of the sealed state. */
    private static final String STATE_SEAL = "mailbox-oauth-state";

    /** A sealed state is about 110 characters; anything much longer is not ours and is not opened. */
    private static final int MAX_STATE_LENGTH = 512;

    private final MicrosoftOAuthConfig config;
    private final MailboxOAuthStore store;
    private final MicrosoftTokenEndpoint tokenEndpoint;
    private final SecretBox box;

    public MailboxAuthorization(MicrosoftOAuthConfig config, MailboxOAuthStore store, MicrosoftTokenEndpoint tokenEndpoint,
            SecretBox box) {
        this.config = config;
        this.store = store;
        this.tokenEndpoint = tokenEndpoint;
        this.box = box;
    }

    /**
     * Starts an authorization for an email subchannel: the URI of Microsoft's authorize endpoint to send
     * the browser to.
     */
    public URI start(long subchannelId) {
        return start(subchannelId, null);
    }

    /**
     * Starts an authorization for a mailbox that has no subchannel yet: the callback creates an email
     * subchannel named {@code name} once Microsoft has granted tokens (an abandoned authorization leaves
     * nothing behind).
     */
    public URI startForNewMailbox(String name) {
        return start(null, name);
    }

    private URI start(Long subchannelId, String newMailboxName) {
        String clientId = config.clientId().orElseThrow(MailboxAuthorization::notConfigured);
        URI redirectUri = config.redirectUri().orElseThrow(MailboxAuthorization::notConfigured);
        CodeVerifier verifier = new CodeVerifier();
        String stateId = new State().getValue();
        if (subchannelId != null) {
            store.newState(subchannelId, stateId, verifier.getValue(), config.stateTtl());
        } else {
            store.newMailboxState(newMailboxName, stateId, verifier.getValue(), config.stateTtl());
        }
        String sealed = box.seal(stateId, STATE_SEAL).substring(SecretBox.PREFIX.length());
        return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId))
                .endpointURI(config.authorizeEndpoint())
                .redirectionURI(redirectUri)
                .scope(Scope.parse(config.scopes()))
                .state(new State(sealed))
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Completes an authorization from Microsoft's callback and returns the subchannel it was for.
     *
     * @throws MailboxAuthFailure with the reason when no tokens were stored
     */
    public long complete(String code, String state, String error, String errorDescription) {
        MailboxOAuthStore.Consumed consumed = store.consume(stateId(state));
        if (error != null && !error.isBlank()) {
            String errorCode = MicrosoftTokenEndpoint.errorCode(error);
            LOG.infof("Microsoft declined the mailbox authorization of %s: %s (%s)", consumed.target(), errorCode,
                    loggable(errorDescription));
            throw new MailboxAuthFailure(MailboxAuthFailure.MICROSOFT_ERROR, errorCode,
                    "Microsoft did not authorize the mailbox: " + errorCode);
        }
        if (code == null || code.isBlank()) {
            throw new MailboxAuthFailure(MailboxAuthFailure.MISSING_CODE, null, "The callback carried no code");
        }
        URI redirectUri = config.redirectUri().orElseThrow(MailboxAuthorization::notConfigured);
        config.clientId().orElseThrow(MailboxAuthorization::notConfigured);
        TokenOutcome outcome;
        try {
            outcome = tokenEndpoint.exchange(code, consumed.codeVerifier(), redirectUri);
        } catch (TokenEndpointUnavailableException e) {
            throw new MailboxAuthFailure(MailboxAuthFailure.TOKEN_ENDPOINT_UNAVAILABLE, null,
                    "Microsoft's token endpoint is unavailable; start the authorization again later");
        }
        if (outcome instanceof TokenOutcome.Refused refused) {
            throw new MailboxAuthFailure(MailboxAuthFailure.TOKEN_REFUSED, refused.error(),
                    "Microsoft refused the authorization code: " + refused.error());
        }
        if (consumed.subchannelId() == null) {
            long created = store.storeGrantedForNewMailbox(consumed.newSubchannelName(), (TokenOutcome.Granted) outcome);
            LOG.infof("New mailbox authorized at Microsoft; created email subchannel %d for it", created);
            return created;
        }
        store.storeGranted(consumed.subchannelId(), (TokenOutcome.Granted) outcome);
        LOG.infof("Mailbox of subchannel %d authorized at Microsoft", consumed.subchannelId());
        return consumed.subchannelId();
    }

    /** Microsoft's text for people, shortened and on one line (it comes from the query string, so anyone may write it). */
    private static String loggable(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private String stateId(String state) {
        if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
            throw new MailboxAuthFailure(MailboxAuthFailure.INVALID_STATE, null, "The callback carried no valid state");
        }
        try {
            return box.open(SecretBox.PREFIX + state, STATE_SEAL);
        } catch (UnreadableSecretException e) {
            throw new MailboxAuthFailure(MailboxAuthFailure.INVALID_STATE, null, "The state is not one this service issued");
        }
    }

    static ApiException notConfigured() {
        return new ApiException(501, "mailbox_oauth_not_configured", "Microsoft mailbox authorization is not configured "
                + "(mind.settings.microsoft.client-id and redirect-uri)", List.of(), null);
    }
}
