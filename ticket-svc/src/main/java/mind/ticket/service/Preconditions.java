package mind.ticket.service;

import mind.common.error.ApiException;

/** {@code If-Match} against an object's version, checked inside the transaction that changes it. */
final class Preconditions {

    private Preconditions() {
    }

    /**
     * Passes when there is no header (last writer wins, as enneo behaves), {@code *}, or a tag
     * (strong or weak, quoted or bare) equal to the version; 412 otherwise.
     */
    static void ifMatch(String header, long version) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return;
        }
        for (String tag : header.split(",")) {
            String value = tag.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals(Long.toString(version))) {
                return;
            }
        }
        throw new ApiException(412, "precondition_failed",
                "The conversation was changed since it was read (If-Match does not match its ETag); read it again");
    }
}
