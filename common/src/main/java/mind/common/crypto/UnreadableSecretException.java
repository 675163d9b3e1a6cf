package mind.common.crypto;

/**
 * A stored secret that does not open: sealed under another context, by a key no longer in the keyset, or
 * changed in the database. Says where, never what: the message names the context only.
 */
public class UnreadableSecretException extends IllegalStateException {

    public UnreadableSecretException(String context) {
        super("the stored secret at " + context + " cannot be opened with the configured keyset");
    }
}
