package mind.ticket.service;

import mind.common.error.ApiException;
import mind.common.error.KnownFailures;

/**
 * {@code If-Match} against a ticket's version (its strong ETag, {@code "3"}). No header: last writer
 * wins, as enneo behaves. {@code *} matches any existing ticket; a list matches when one entry does.
 * Weak tags ({@code W/"3"}) never match, as RFC 9110 asks for If-Match.
 */
final class IfMatch {

    private IfMatch() {
    }

    static void check(String header, long version) {
        if (header == null) {
            return;
        }
        String current = "\"" + version + "\"";
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(current)) {
                return;
            }
        }
        throw new ApiException(412, KnownFailures.PRECONDITION_FAILED,
                "The ticket was changed since the version named in If-Match (now " + current + "); read it again");
    }
}
