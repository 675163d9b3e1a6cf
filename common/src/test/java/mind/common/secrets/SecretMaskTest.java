package mind.common.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void secretKeysAreRecognizedWhateverTheirSpelling() {
        for (String key : List.of("password", "PASSWORD", "imap_password", "smtpPassword", "passwd", "secret",
                "client_secret", "clientSecret", "token", "accessToken", "refresh_token", "apiKey", "api_key", "API-Key",
                "api key", "credential", "credentials", "privateKey", "private_key", "smtpPass", "imap_pass", "pwd",
                "accessKey", "clientKey", "sharedKey", "key", "pass", "authorization")) {
            assertTrue(SecretMask.isSecretKey(key), key);
        }
        for (String key : List.of("username", "user", "host", "port", "login", "api", "private", "tenant",
                "mailbox", "signature", "oauth", "")) {
            assertFalse(SecretMask.isSecretKey(key), key);
        }
    }

    @Test
    void masksAtAnyDepthAndLeavesTheInputUntouched() {
        Map<String, Object> inner = new LinkedHashMap<>(Map.of("password", "p"));
        List<Object> nestedList = new ArrayList<>(List.of(List.of(Map.of("token", "t", "id", 1))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", "u");
        data.put("imap", inner);
        data.put("list", nestedList);
        data.put("secret", Map.of("a", 1));
        data.put("apiKey", null);

        Map<String, Object> masked = SecretMask.masked(data);

        assertEquals("u", masked.get("user"));
        assertEquals(Map.of("password", SecretMask.MASK), masked.get("imap"));
        assertEquals(List.of(List.of(Map.of("token", SecretMask.MASK, "id", 1))), masked.get("list"));
        assertEquals(SecretMask.MASK, masked.get("secret"));
        assertTrue(masked.containsKey("apiKey"));
        assertNull(masked.get("apiKey"));
        assertEquals("p", inner.get("password"), "the stored map is not changed");
        assertEquals(Map.of("a", 1), data.get("secret"));
        assertNull(SecretMask.masked(null));
    }
}
