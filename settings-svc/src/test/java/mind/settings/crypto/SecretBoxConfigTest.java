package mind.settings.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import mind.common.secrets.SecretMask;
import mind.settings.config.SettingsConfig;

/** Without a keyset settings-svc does not start, and says why; a plain secret stored earlier is sealed when kept. */
class SecretBoxConfigTest {

    private static SettingsConfig config(Optional<String> keyset) {
        return new SettingsConfig() {
            @Override
            public SubchannelLimits subchannel() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Encryption encryption() {
                return () -> keyset;
            }
        };
    }

    @Test
    void aMissingKeysetStopsTheStartWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SecretBox(config(Optional.empty())));
        assertTrue(e.getMessage().startsWith("mind.settings.encryption.keyset is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("Secrets at rest"), e.getMessage());
    }

    @Test
    void aKeysetThatIsNoKeysetStopsTheStartWithoutQuotingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SecretBox(config(Optional.of("bm90LWEta2V5c2V0LWJ1dC1zZWNyZXQ="))));
        assertTrue(e.getMessage().contains("mind.settings.encryption.keyset"), e.getMessage());
        assertFalse(e.getMessage().contains("bm90LWEta2V5c2V0"), e.getMessage());
    }

    @Test
    void theMaskOverAPlainSecretStoredBeforeSealingKeepsItSealed() throws Exception {
        SecretBox box = new SecretBox(KeysetTool.newKeyset());
        Map<String, Object> legacy = new LinkedHashMap<>(Map.of("password", "plain-from-before"));

        Map<String, Object> kept = box.sealSecrets(Map.of("password", SecretMask.MASK), legacy, "subchannel");

        assertTrue(SecretBox.isSealed(kept.get("password")));
        assertEquals("plain-from-before", box.openSecrets(kept, "subchannel").get("password"));
    }
}
