package mind.settings.api;

import java.util.Set;

import mind.common.persistence.IfMatch;

/**
 * The one version an {@code If-Match} header names, for the people endpoints whose services compare a
 * single version (the routing-status update compares it inside its UPDATE). Parsing is common's
 * {@link IfMatch}: no header or {@code *} is no precondition (null); a weak tag, a foreign tag or a list
 * of several versions names no single version of ours and can only fail (412).
 */
final class IfMatchHeader {

    /** No object ever has this version. */
    private static final int NEVER = -1;

    private IfMatchHeader() {
    }

    static Integer version(String header) {
        Set<Long> versions = IfMatch.versions(header);
        if (versions == null) {
            return null;
        }
        if (versions.size() != 1) {
            return NEVER;
        }
        long version = versions.iterator().next();
        return version > Integer.MAX_VALUE ? NEVER : (int) version;
    }
}
