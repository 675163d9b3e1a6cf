package mind.settings.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.error.ApiException;
import mind.settings.client.MicrosoftTokenEndpoint;
import mind.settings.client.TokenEndpointUnavailableException;
import mind.settings.client.TokenOutcome;
import mind.settings.config.MicrosoftOAuthConfig;

/**
 * Valid Microsoft access tokens for mailbox subchannels, refreshed when they expire within
 * {@code mind.settings.microsoft.refresh-margin}.
 *
 * <p>Concurrent callers refresh once: the refresh runs under the subchannel's advisory lock, and whoever
 * gets the lock reads the row again first, so the callers that waited find the new token and make no call.
 * The lock (and one connection) is held across the token call, which the endpoint's read timeout bounds;
 * the alternative, a lease and a wait outside the transaction, would be more machinery for a call made
 * about once an hour per mailbox.
 */
@ApplicationScoped
public class MailboxTokens {

    /** Seconds a caller is told to wait when the token endpoint is down. */
    private static final int RETRY_AFTER_SECONDS = 30;

    private final MailboxOAuthStore store;
    private final MicrosoftTokenEndpoint tokenEndpoint;
    private final MicrosoftOAuthConfig config;

    public MailboxTokens(MailboxOAuthStore store, MicrosoftTokenEndpoint tokenEndpoint, MicrosoftOAuthConfig config) {
        this.store = store;
        this.tokenEndpoint = tokenEndpoint;
        this.config = config;
    }

    /**
     * A valid access token for the subchannel's mailbox.
     *
     * @throws ApiException 404 {@code mailbox_not_authorized}; 409 {@code mailbox_reauthorization_needed} when
     *         Microsoft refuses the refresh token or there is none; 503 {@code mailbox_oauth_unavailable}
     *         when the token endpoint is down
     */
    public String accessToken(long subchannelId) {
        return store.freshAccessToken(subchannelId, config.refreshMargin())
                .orElseGet(() -> refreshed(subchannelId))
                .value();
    }

    @Transactional
    MailboxOAuthStore.AccessToken refreshed(long subchannelId) {
        var fresh = store.freshAccessTokenLocked(subchannelId, config.refreshMargin());
        if (fresh.isPresent()) {
            return fresh.get(); // another caller refreshed while this one waited for the lock
        }
        String refreshToken = store.refreshToken(subchannelId).orElseThrow(() -> reauthorize(subchannelId,
                "Microsoft gave no refresh token"));
        TokenOutcome outcome;
        try {
            outcome = tokenEndpoint.refresh(refreshToken);
        } catch (TokenEndpointUnavailableException e) {
            throw new ApiException(503, MailboxAuthFailure.TOKEN_ENDPOINT_UNAVAILABLE,
                    "Microsoft's token endpoint is unavailable; retry shortly", List.of(), RETRY_AFTER_SECONDS);
        }
        if (outcome instanceof TokenOutcome.Refused refused) {
            throw reauthorize(subchannelId, "Microsoft refused the refresh token (" + refused.error() + ")");
        }
        return store.storeRefreshed(subchannelId, (TokenOutcome.Granted) outcome);
    }

    private static ApiException reauthorize(long subchannelId, String why) {
        return new ApiException(409, "mailbox_reauthorization_needed", why + "; authorize the mailbox of subchannel "
                + subchannelId + " again at GET /settings/mailbox/microsoft/authorization");
    }
}
