package mind.settings.client;

/** The token endpoint could not be reached, timed out, or answered 5xx, 429 or something unreadable. */
public class TokenEndpointUnavailableException extends RuntimeException {

    public TokenEndpointUnavailableException(String message) {
        // no cause: a cause could carry the request, and with it a code, verifier or token
        super(message, null, false, false);
    }
}
