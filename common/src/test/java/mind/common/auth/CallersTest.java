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
        assertNull(Callers.profileId((SecurityIdentity) null));
    }

    @Test
    void aPrincipalsNameIsAProfileIdOnlyWhenItIsOneToEighteenDigits() {
        assertEquals(7L, Callers.profileId("7"));
        assertEquals(999_999_999_999_999_999L, Callers.profileId("999999999999999999"));
        for (String name : new String[] { null, "", "-1", "+1", " 1", "1 ", "1x", "mind-telephony", "٣",
                "1000000000000000000" }) {
            assertNull(Callers.profileId(name), name);
        }
    }

    @Test
    void onTheWireAProfileIsANumberAndAnyOtherSubjectItsText() {
        assertEquals(42L, Callers.wireId("42"));
        assertEquals("mind-telephony", Callers.wireId("mind-telephony"));
        assertNull(Callers.wireId(null));
    }
}
