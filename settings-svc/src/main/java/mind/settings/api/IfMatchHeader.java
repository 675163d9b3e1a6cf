package mind.settings.api;

/**
 * Reads {@code If-Match} as sent back from an ETag: {@code "3"}, {@code 3} or {@code W/"3"}. No header
 * or {@code *}: no precondition. Anything else names no version this service ever issued, so it can
 * only fail (412).
 */
final class IfMatchHeader {

    private static final int NEVER = -1;

    private IfMatchHeader() {
    }

    static Integer version(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return NEVER;
        }
    }
}
