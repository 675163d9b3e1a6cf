package mind.settings.api;

import mind.common.error.ApiException;
import mind.common.error.KnownFailures;

/** Reads an {@code If-Match} header against the versions this service sends as strong ETags. */
final class IfMatch {

    private IfMatch() {
    }

    /**
     * The version the header names, or null when there is no header or it is {@code *} (any version).
     * A weak tag or anything that is not one of our versions can never match: 412.
     */
    static Long version(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip();
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Long.parseLong(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException e) {
                // falls through to 412
            }
        }
        throw new ApiException(412, KnownFailures.PRECONDITION_FAILED,
                "If-Match names no version of this object; send the ETag of a GET as it was received");
    }
}
