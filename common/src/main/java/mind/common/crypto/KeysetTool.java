package mind.common.crypto;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Makes and rotates the keysets services seal secrets with ({@code mind.settings.encryption.keyset},
 * {@code mind.aiagent.encryption.keyset}): {@code new} prints a keyset with
 * one AES-256-GCM key, {@code rotate} reads one on standard input and prints it with a new primary key
 * added (the old keys stay, so what they sealed still opens).
 */
public final class KeysetTool {

    private KeysetTool() {
    }

    public static String newKeyset() throws GeneralSecurityException {
        AeadConfig.register();
        return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                InsecureSecretKeyAccess.get());
    }

    public static String rotated(String keysetJson) throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
        builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId().makePrimary());
        return TinkJsonProtoKeysetFormat.serializeKeyset(builder.build(), InsecureSecretKeyAccess.get());
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "new" : args[0];
        switch (command) {
            case "new" -> System.out.println(newKeyset());
            case "rotate" -> System.out.println(rotated(new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            default -> {
                System.err.println("usage: KeysetTool new | rotate < keyset.json");
                System.exit(2);
            }
        }
    }
}
