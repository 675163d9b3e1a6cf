package mind.settings.api;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads an {@code If-Match} header against this service's ETags, which are strong quoted versions
 * ({@code "3"}). Strong comparison (RFC 9110): a weak tag ({@code W/"3"}) or one that is no version of
 * ours matches nothing, so the request gets its 412 rather than silently passing.
 */
final class IfMatch {

    /** Longest header considered; anything longer is no list of our versions. */
    private static final int MAX_LENGTH = 1000;

    private IfMatch() {
    }

    /**
     * The versions the header accepts; null when there is no header or it is {@code *} (any current
     * version: the object exists or the request 404s anyway). An empty set matches no version.
     */
    static Set<Long> versions(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Set<Long> versions = new LinkedHashSet<>();
        if (header.length() > MAX_LENGTH) {
            return versions;
        }
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.length() >= 3 && t.startsWith("\"") && t.endsWith("\"")) {
                String digits = t.substring(1, t.length() - 1);
                if (!digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(Character::isDigit)) {
                    versions.add(Long.parseLong(digits));
                }
            }
        }
        return versions;
    }
}
