package mind.common.persistence;

import java.util.LinkedHashSet;
import java.util.Set;

import mind.common.error.ApiException;
import mind.common.error.KnownFailures;

/**
 * Reads an {@code If-Match} header against the versions every Mind service sends as strong ETags
 * ({@code "3"}, see {@link Versioned#etag()}). No header: last writer wins, as enneo behaves. {@code *}
 * matches any existing object. A list matches when one entry does. Strong comparison (RFC 9110): a weak
 * tag ({@code W/"3"}) or one that is no version of ours matches nothing, so the request gets its 412
 * rather than silently passing.
 */
public final class IfMatch {

    /** Longest header considered; anything longer is no list of our versions. */
    private static final int MAX_LENGTH = 1000;

    private IfMatch() {
    }

    /**
     * The versions the header accepts; null when there is no header or it is {@code *} (any current
     * version: the object exists or the request 404s anyway). An empty set matches no version.
     */
    public static Set<Long> versions(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Set<Long> versions = new LinkedHashSet<>();
        if (header.length() > MAX_LENGTH) {
            return versions;
        }
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return null;
            }
            if (t.length() >= 3 && t.startsWith("\"") && t.endsWith("\"")) {
                String digits = t.substring(1, t.length() - 1);
                if (digits.length() <= 18 && digits.chars().allMatch(Character::isDigit)) {
                    versions.add(Long.parseLong(digits));
                }
            }
        }
        return versions;
    }

    /** Whether an object at {@code version} satisfies the header. */
    public static boolean matches(String header, long version) {
        Set<Long> accepted = versions(header);
        return accepted == null || accepted.contains(version);
    }

    /**
     * Refuses with 412 {@code precondition_failed} when the header names versions and the current one is
     * not among them.
     *
     * @param what the object, for the message ("The ticket")
     */
    public static void check(String header, long version, String what) {
        if (!matches(header, version)) {
            throw new ApiException(412, KnownFailures.PRECONDITION_FAILED,
                    what + " was changed since the version named in If-Match (now \"" + version + "\"); read it again");
        }
    }
}
