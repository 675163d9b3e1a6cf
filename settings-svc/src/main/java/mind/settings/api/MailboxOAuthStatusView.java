package mind.settings.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.service.MailboxOAuthStatus;

/** Non-secret facts about a mailbox's Microsoft authorization; never a token. */
@Schema(name = "MailboxOAuthStatus")
public record MailboxOAuthStatusView(boolean success, long subchannelId, boolean authorized,
        // all null while the mailbox was never authorized; refreshedAt and scope also before the first refresh
        @Schema(nullable = true) Instant accessTokenExpiresAt, @Schema(nullable = true) Boolean hasRefreshToken,
        @Schema(nullable = true) String scope, @Schema(nullable = true) Instant authorizedAt,
        @Schema(nullable = true) Instant refreshedAt) {

    static MailboxOAuthStatusView of(long subchannelId, java.util.Optional<MailboxOAuthStatus> status) {
        return status.map(s -> new MailboxOAuthStatusView(true, subchannelId, true, s.accessTokenExpiresAt(),
                        s.hasRefreshToken(), s.scope(), s.authorizedAt(), s.refreshedAt()))
                .orElseGet(() -> new MailboxOAuthStatusView(true, subchannelId, false, null, null, null, null, null));
    }
}
