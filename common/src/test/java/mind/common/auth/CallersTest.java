package mind.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class CallersTest {

    private static SecurityIdentity named(String name) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(Roles.AGENT).build();
    }

    @Test
    void theProfileIsThePrincipalsNameWhenThatIsAnId() {
        assertEquals(42L, Callers.profileId(named("42")));
        assertTrue(Callers.isProfile(named("42"), 42));
        assertFalse(Callers.isProfile(named("42"), 43));
    }

    @Test
    void aNameThatIsNoIdNamesNoProfile() {
        for (String name : new String[] {"telephony-bridge", "", "4 2", "99999999999999999999", "0x2a"}) {
            assertNull(Callers.profileId(named(name)), name);
            assertFalse(Callers.isProfile(named(name), 42), name);
        }
        assertNull(Callers.profileId(QuarkusSecurityIdentity.builder().setAnonymous(true).build()));
        assertNull(Callers.profileId(null));
    }
}
