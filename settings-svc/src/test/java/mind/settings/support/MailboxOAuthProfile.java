package mind.settings.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The Microsoft app as tests configure it, with a clock a test can move (to let a state expire).
 * The token endpoint's URL comes from {@link MicrosoftStub}.
 */
public class MailboxOAuthProfile implements QuarkusTestProfile {

    public static final String CLIENT_ID = "mind-test-client";
    public static final String CLIENT_SECRET = "client-secret-never-shown";
    public static final String AUTHORIZE_URL = "https://login.example.test/tenant/oauth2/v2.0/authorize";
    public static final String REDIRECT_URI = "https://mind.example.test/api/mind/settings/mailbox/microsoft/callback";
    public static final String FRONTEND = "https://app.mind.test/settings/mailboxes";
    public static final String SCOPES = "offline_access https://outlook.office.com/IMAP.AccessAsUser.All";

    /** The system clock shifted by an offset the test sets. */
    public static final class ShiftedClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        public void shift(Duration by) {
            offset = by;
        }

        @Override
        public Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    public static final ShiftedClock CLOCK = new ShiftedClock();

    /** Replaces common's default Clock wherever this profile is active. */
    @Alternative
    @Singleton
    public static class ClockProducer {
        @Produces
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ClockProducer.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mind.settings.microsoft.client-id", CLIENT_ID,
                "mind.settings.microsoft.client-secret", CLIENT_SECRET,
                "mind.settings.microsoft.authorize-url", AUTHORIZE_URL,
                "mind.settings.microsoft.redirect-uri", REDIRECT_URI,
                "mind.settings.microsoft.frontend-redirect", FRONTEND,
                "mind.settings.microsoft.scopes", SCOPES,
                "mind.settings.microsoft.read-timeout", "5s");
    }
}
