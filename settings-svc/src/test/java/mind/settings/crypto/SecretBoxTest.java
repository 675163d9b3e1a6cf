package mind.settings.crypto;

import mind.common.crypto.UnreadableSecretException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mind.common.secrets.SecretMask;

class SecretBoxTest {

    private static final String KEYSET = "eyJwcmltYXJ5S2V5SWQiOjIxMjI1OTEyMzgsImtleSI6W3sia2V5RGF0YSI6eyJ0eXBlVXJsIjoidHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsuQWVzR2NtS2V5IiwidmFsdWUiOiJHaUFsZVNIWmNjWFkrWVl0bVRZTHg1TCtjSkRKMWlBbnFIaThIYytkTGdzTDdRPT0iLCJrZXlNYXRlcmlhbFR5cGUiOiJTWU1NRVRSSUMifSwic3RhdHVzIjoiRU5BQkxFRCIsImtleUlkIjoyMTIyNTkxMjM4LCJvdXRwdXRQcmVmaXhUeXBlIjoiVElOSyJ9XX0KCg==";
    /** KEYSET rotated: its key plus a new primary one. */
    private static final String ROTATED = "eyJwcmltYXJ5S2V5SWQiOjMxNjAxMzMxOTYsImtleSI6W3sia2V5RGF0YSI6eyJ0eXBlVXJsIjoidHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsuQWVzR2NtS2V5IiwidmFsdWUiOiJHaUFsZVNIWmNjWFkrWVl0bVRZTHg1TCtjSkRKMWlBbnFIaThIYytkTGdzTDdRPT0iLCJrZXlNYXRlcmlhbFR5cGUiOiJTWU1NRVRSSUMifSwic3RhdHVzIjoiRU5BQkxFRCIsImtleUlkIjoyMTIyNTkxMjM4LCJvdXRwdXRQcmVmaXhUeXBlIjoiVElOSyJ9LHsia2V5RGF0YSI6eyJ0eXBlVXJsIjoidHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsuQWVzR2NtS2V5IiwidmFsdWUiOiJHaUNjWHRnNjZrckxRVkZrWlRQdjlXdEQ2eThSNkVTUU5QNFh4UkpJUHE3VU1RPT0iLCJrZXlNYXRlcmlhbFR5cGUiOiJTWU1NRVRSSUMifSwic3RhdHVzIjoiRU5BQkxFRCIsImtleUlkIjozMTYwMTMzMTk2LCJvdXRwdXRQcmVmaXhUeXBlIjoiVElOSyJ9XX0KCg==";

    private final SecretBox box = new SecretBox(KEYSET);

    @Test
    void sealedTextOpensUnderItsContextOnly() {
        String sealed = box.seal("imap-password-1", "subchannel/password");

        assertTrue(sealed.startsWith(SecretBox.PREFIX));
        assertFalse(sealed.contains("imap-password-1"));
        assertEquals("imap-password-1", box.open(sealed, "subchannel/password"));
        UnreadableSecretException wrongContext = assertThrows(UnreadableSecretException.class,
                () -> box.open(sealed, "setting:executorSecrets"));
        assertFalse(wrongContext.getMessage().contains("imap-password-1"));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertNotEquals(box.seal("same", "c"), box.seal("same", "c"));
    }

    @Test
    void aChangedCiphertextDoesNotOpen() {
        String sealed = box.seal("secret", "c");
        int at = sealed.length() - 5;
        String changed = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);

        assertThrows(UnreadableSecretException.class, () -> box.open(changed, "c"));
        assertThrows(UnreadableSecretException.class, () -> box.open("plain text", "c"));
    }

    @Test
    void aRotatedKeysetOpensWhatTheOldKeySealedAndSealsWithTheNewKey() {
        SecretBox rotated = new SecretBox(ROTATED);
        String old = box.seal("before rotation", "c");
        String fresh = rotated.seal("after rotation", "c");

        assertEquals("before rotation", rotated.open(old, "c"));
        // the old keyset does not hold the new primary key
        assertThrows(UnreadableSecretException.class, () -> box.open(fresh, "c"));
    }

    @Test
    void aKeysetIsReadAsJsonTooAndABadOneNamesNoSecret() {
        String json = new String(java.util.Base64.getDecoder().decode(KEYSET), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("x", new SecretBox(json).open(box.seal("x", "c"), "c"));

        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> new SecretBox("{\"primaryKeyId\":1,\"key\":[]}"));
        assertTrue(bad.getMessage().contains("mind.settings.encryption.keyset"));
        assertFalse(bad.getMessage().contains("primaryKeyId"));
    }

    @Test
    void secretKeysAreSealedAtAnyDepthAndOpenAgain() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("host", "imap.example.com");
        data.put("password", "hunter2");
        data.put("port", 993);
        data.put("oauth", Map.of("refreshToken", "r-123", "scope", "Mail.Read"));
        data.put("bots", List.of(Map.of("apiKey", 12345)));

        Map<String, Object> sealed = box.sealSecrets(data, null, "subchannel");

        assertEquals("imap.example.com", sealed.get("host"));
        assertEquals(993, sealed.get("port"));
        assertTrue(SecretBox.isSealed(sealed.get("password")));
        for (String plain : List.of("hunter2", "r-123", "12345")) {
            assertFalse(sealed.toString().contains(plain), plain);
        }
        assertEquals("Mail.Read", ((Map<?, ?>) sealed.get("oauth")).get("scope"));

        Map<String, Object> opened = box.openSecrets(sealed, "subchannel");
        assertEquals("hunter2", opened.get("password"));
        assertEquals("r-123", ((Map<?, ?>) opened.get("oauth")).get("refreshToken"));
        // the type survives sealing
        assertEquals(12345, ((Map<?, ?>) ((List<?>) opened.get("bots")).get(0)).get("apiKey"));
    }

    @Test
    void aSealedValueIsBoundToItsPath() {
        Map<String, Object> sealed = box.sealSecrets(Map.of("password", "p1", "token", "t1"), null, "subchannel");
        Map<String, Object> swapped = Map.of("password", sealed.get("token"), "token", sealed.get("password"));

        assertThrows(UnreadableSecretException.class, () -> box.openSecrets(swapped, "subchannel"));
    }

    @Test
    void theMaskKeepsTheStoredSecretAndIsRefusedWhenThereIsNone() {
        Map<String, Object> stored = box.sealSecrets(Map.of("user", "a", "password", "old"), null, "subchannel");

        Map<String, Object> resent = box.sealSecrets(Map.of("user", "b", "password", SecretMask.MASK), stored, "subchannel");
        assertEquals(stored.get("password"), resent.get("password"));
        Map<String, Object> opened = box.openSecrets(resent, "subchannel");
        assertEquals("b", opened.get("user"));
        assertEquals("old", opened.get("password"));

        IllegalArgumentException noPrevious = assertThrows(IllegalArgumentException.class,
                () -> box.sealSecrets(Map.of("password", SecretMask.MASK), null, "subchannel"));
        assertTrue(noPrevious.getMessage().startsWith("password"));
    }

    @Test
    void aStructuredSecretIsSealedWholeAndOpensWithItsShape() {
        Map<String, Object> sealed = box.sealSecrets(Map.of("nested", Map.of("secret", Map.of("a", 1, "b", List.of("x")))),
                null, "subchannel");
        Object inner = ((Map<?, ?>) sealed.get("nested")).get("secret");
        assertTrue(SecretBox.isSealed(inner), String.valueOf(inner));

        Map<String, Object> opened = box.openSecrets(sealed, "subchannel");
        assertEquals(Map.of("a", 1, "b", List.of("x")), ((Map<?, ?>) opened.get("nested")).get("secret"));
    }
}
