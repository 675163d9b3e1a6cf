package mind.settings.crypto;

/**
 * The command the README names for settings-svc's keyset ({@code java -cp ... mind.settings.crypto.KeysetTool
 * new | rotate}); the tool itself is common's {@link mind.common.crypto.KeysetTool}.
 */
public final class KeysetTool {

    private KeysetTool() {
    }

    public static String newKeyset() throws java.security.GeneralSecurityException {
        return mind.common.crypto.KeysetTool.newKeyset();
    }

    public static String rotated(String keysetJson) throws java.security.GeneralSecurityException {
        return mind.common.crypto.KeysetTool.rotated(keysetJson);
    }

    public static void main(String[] args) throws Exception {
        mind.common.crypto.KeysetTool.main(args);
    }
}
