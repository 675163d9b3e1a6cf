package mind.settings.client;

import java.time.Duration;

/** What the token endpoint answered to a grant. */
public sealed interface TokenOutcome {

    /**
     * Tokens granted.
     *
     * @param refreshToken null when none came (a refresh may leave the previous one in force)
     * @param lifetime of the access token, from {@code expires_in}
     */
    record Granted(String accessToken, String refreshToken, Duration lifetime, String scope) implements TokenOutcome {

        @Override
        public String toString() {
            // records print their components; these are secrets
            return "Granted[lifetime=" + lifetime + ", scope=" + scope + "]";
        }
    }

    /**
     * The endpoint refused the grant ({@code invalid_grant}, {@code invalid_client}, ...).
     *
     * @param error the OAuth error code, already reduced to {@code [a-z_]}
     */
    record Refused(String error) implements TokenOutcome {
    }
}
