package mind.settings.crypto;

import java.util.Map;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mind.common.crypto.SecretSealer;
import mind.settings.config.SettingsConfig;

/**
 * Encryption at rest for everything settings-svc keeps secret: secret settings, the secret keys of a
 * subchannel's {@code data} (IMAP passwords), OAuth tokens, sealed by common's {@link SecretSealer} with
 * settings-svc's own keyset ({@code mind.settings.encryption.keyset}, a Kubernetes Secret in the cluster).
 * Started eagerly, so that a missing or unusable keyset stops the service at start, not at the first secret.
 */
@Startup
@ApplicationScoped
public class SecretBox {

    /** Marks a stored value as sealed; see {@link SecretSealer#PREFIX}. */
    public static final String PREFIX = SecretSealer.PREFIX;

    static final String CONFIG_KEY = "mind.settings.encryption.keyset";

    private final SecretSealer sealer;

    @Inject
    SecretBox(SettingsConfig config) {
        this.sealer = SecretSealer.required(config.encryption().keyset(), CONFIG_KEY, "settings-svc");
    }

    /** @param keyset a Tink keyset in Tink's JSON format, as text or base64 of that text */
    public SecretBox(String keyset) {
        this.sealer = new SecretSealer(keyset, CONFIG_KEY);
    }

    public static boolean isSealed(Object value) {
        return SecretSealer.isSealed(value);
    }

    public String seal(String plaintext, String context) {
        return sealer.seal(plaintext, context);
    }

    /** @see SecretSealer#open */
    public String open(String sealed, String context) {
        return sealer.open(sealed, context);
    }

    /** @see SecretSealer#sealSecrets */
    public Map<String, Object> sealSecrets(Map<String, Object> data, Map<String, Object> previous, String context) {
        return sealer.sealSecrets(data, previous, context);
    }

    /** @see SecretSealer#openSecrets */
    public Map<String, Object> openSecrets(Map<String, Object> data, String context) {
        return sealer.openSecrets(data, context);
    }
}
