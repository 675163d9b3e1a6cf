package mind.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectSidBridgeTest {

    @Test
    void takesTheJwtFromPlainAndExpressStyleCookies() {
        assertEquals("aaa.bbb.ccc", ConnectSidBridge.tokenOf("aaa.bbb.ccc"));
        assertEquals("aaa.bbb.ccc", ConnectSidBridge.tokenOf("s%3Aaaa.bbb.ccc"));
        assertEquals("aaa.bbb.ccc", ConnectSidBridge.tokenOf("s:aaa.bbb.ccc"));
    }

    @Test
    void ignoresCookiesThatAreNotTokens() {
        assertNull(ConnectSidBridge.tokenOf("%zz"));
        assertNull(ConnectSidBridge.tokenOf("s:"));
        assertNull(ConnectSidBridge.tokenOf("  "));
    }

    @Test
    void originsAreComparedInTheirCanonicalForm() {
        assertEquals("https://app.example.com", ConnectSidBridge.originOf("HTTPS://App.Example.com:443/x?y").orElseThrow());
        assertEquals("http://localhost:8080", ConnectSidBridge.originOf("http://localhost:8080").orElseThrow());
        assertTrue(ConnectSidBridge.originOf("null").isEmpty());
        assertTrue(ConnectSidBridge.originOf("file:///etc/passwd").isEmpty());
        assertTrue(ConnectSidBridge.originOf("not a url").isEmpty());
    }
}
