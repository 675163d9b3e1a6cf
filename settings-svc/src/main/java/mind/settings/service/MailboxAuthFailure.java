package mind.settings.service;

/**
 * Why a Microsoft callback did not end in stored tokens. {@link #reason} is a stable code that goes into
 * the frontend redirect ({@code mailboxAuth=error&reason=...}) or the JSON error's {@code code}.
 */
public class MailboxAuthFailure extends RuntimeException {

    /** The state is missing, not one this service issued, or changed. */
    public static final String INVALID_STATE = "invalid_state";
    /** The state was already used by an earlier callback. */
    public static final String STATE_USED = "state_used";
    /** The state outlived mind.settings.microsoft.state-ttl. */
    public static final String STATE_EXPIRED = "state_expired";
    /** Microsoft sent error=... instead of a code (the user declined, consent is missing, ...). */
    public static final String MICROSOFT_ERROR = "microsoft_error";
    /** The callback carried neither code nor error. */
    public static final String MISSING_CODE = "missing_code";
    /** The token endpoint refused the code (invalid_grant, invalid_client, ...). */
    public static final String TOKEN_REFUSED = "token_refused";
    /** The token endpoint was down, slow or answered 5xx. */
    public static final String TOKEN_ENDPOINT_UNAVAILABLE = "mailbox_oauth_unavailable";
    /** The subchannel was deleted while its owner was at Microsoft. */
    public static final String SUBCHANNEL_GONE = "subchannel_gone";

    private final String reason;
    /** The OAuth error code from Microsoft, [a-z_] only, or null. */
    private final String error;

    public MailboxAuthFailure(String reason, String error, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.error = error;
    }

    public String reason() {
        return reason;
    }

    public String error() {
        return error;
    }
}
