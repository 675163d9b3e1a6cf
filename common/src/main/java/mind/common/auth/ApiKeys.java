package mind.common.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of Mind's API keys: {@code mind_<keyId>_<secret>}, the secret 43 characters of base64url
 * (256 random bits). A bearer token of this form is an API key and never a JWT (a JWT starts with
 * {@code ey}), so the two are told apart by the first characters alone. settings-svc issues them
 * ({@code POST /jwt/{profileId}}) and keeps only the secret's SHA-256.
 */
public final class ApiKeys {

    public static final String PREFIX = "mind_";
    private static final Pattern FORM = Pattern.compile("mind_([1-9][0-9]{0,17})_([A-Za-z0-9_-]{43})");

    /** An API key taken apart: the row to read and the secret to compare with its hash. */
    public record Parsed(long keyId, String secret) {

        @Override
        public String toString() {
            return "Parsed[keyId=" + keyId + "]";
        }
    }

    private ApiKeys() {
    }

    /** Whether this bearer token is meant as an API key (whether or not it is well formed). */
    public static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** The key's parts, or null when the text is not of the form. */
    public static Parsed parse(String token) {
        if (token == null) {
            return null;
        }
        Matcher m = FORM.matcher(token);
        return m.matches() ? new Parsed(Long.parseLong(m.group(1)), m.group(2)) : null;
    }

    public static String format(long keyId, String secret) {
        return PREFIX + keyId + "_" + secret;
    }
}
