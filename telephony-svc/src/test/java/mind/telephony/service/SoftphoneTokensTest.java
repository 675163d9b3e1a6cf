package mind.telephony.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import mind.common.error.ApiException;
import mind.telephony.config.SoftphoneConfig;

/** The softphone token issuer without a key, and its start-up checks of key and lifetime. */
class SoftphoneTokensTest {

    private static SoftphoneTokens tokens(String key, Duration ttl) {
        SoftphoneConfig config = new SoftphoneConfig() {
            @Override
            public Optional<String> signingKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<String> keyId() {
                return Optional.empty();
            }

            @Override
            public String audience() {
                return "softphone";
            }

            @Override
            public String issuer() {
                return "mind";
            }

            @Override
            public Duration ttl() {
                return ttl;
            }
        };
        return new SoftphoneTokens(config, Clock.systemUTC());
    }

    @Test
    void withoutASigningKeyTheAnswerIs501NamingTheKey() {
        SoftphoneTokens unconfigured = tokens(null, Duration.ofMinutes(5));
        assertDoesNotThrow(() -> unconfigured.check(null), "a service without softphones starts");
        ApiException refused = assertThrows(ApiException.class, () -> unconfigured.issue("42"));
        assertEquals(501, refused.status());
        assertEquals("softphone_not_configured", refused.code());
        assertTrue(refused.getMessage().contains("mind.telephony.softphone.signing-key"), refused.getMessage());
    }

    @Test
    void aKeyShorterThan32BytesStopsTheStart() {
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> tokens("x".repeat(31), Duration.ofMinutes(5)).check(null));
        assertTrue(stop.getMessage().contains("at least 32 bytes"), stop.getMessage());
        assertTrue(!stop.getMessage().contains("xxxx"), "the key never appears in the message");
        assertDoesNotThrow(() -> tokens("x".repeat(32), Duration.ofMinutes(5)).check(null));
    }

    @Test
    void aLifetimeOutsideTenSecondsToADayStopsTheStart() {
        String key = "k".repeat(32);
        assertThrows(IllegalStateException.class, () -> tokens(key, Duration.ofSeconds(9)).check(null));
        assertThrows(IllegalStateException.class, () -> tokens(key, Duration.ofHours(24).plusSeconds(1)).check(null));
        assertDoesNotThrow(() -> tokens(key, Duration.ofSeconds(10)).check(null));
        assertDoesNotThrow(() -> tokens(key, Duration.ofHours(24)).check(null));
    }
}
