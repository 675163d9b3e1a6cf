package mind.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
