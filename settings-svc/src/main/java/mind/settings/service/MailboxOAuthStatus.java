package mind.settings.service;

import java.time.Instant;

/** What may be shown about a mailbox's authorization: no token, only facts about them. */
public record MailboxOAuthStatus(long subchannelId, Instant accessTokenExpiresAt, boolean hasRefreshToken, String scope,
        Instant authorizedAt, Instant refreshedAt) {
}
