package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The callback's JSON answer when no frontend redirect is configured. */
@Schema(name = "MailboxAuthorized")
public record MailboxAuthorized(boolean success, long subchannelId) {
}
