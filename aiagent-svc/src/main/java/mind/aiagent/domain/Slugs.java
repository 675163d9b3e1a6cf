package mind.aiagent.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * enneo agent codes: snake_case, {@code [a-z0-9_]}, never only digits (so that a path segment is
 * unambiguously either a numeric id or a code).
 */
public final class Slugs {

    public static final int MAX_LENGTH = 100;
    public static final String PATTERN = "^(?!\\d+$)[a-z0-9_]+$";
    /** Room left for a {@code _<n>} suffix below {@link #MAX_LENGTH}. */
    static final int BASE_MAX_LENGTH = 90;
    static final String FALLBACK = "ai_agent";

    private Slugs() {
    }

    /**
     * "Change bank data" becomes {@code change_bank_data}; German umlauts are spelled out (ä → ae)
     * because the names are often German, other accents are dropped.
     */
    public static String fromName(String name) {
        String s = name.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) {
            return FALLBACK;
        }
        if (s.matches("\\d+")) {
            s = FALLBACK + "_" + s;
        }
        if (s.length() > BASE_MAX_LENGTH) {
            s = s.substring(0, BASE_MAX_LENGTH).replaceAll("_+$", "");
        }
        return s;
    }

    /** The first of {@code base}, {@code base_2}, {@code base_3}, ... not in {@code taken}. */
    public static String firstFree(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2;; n++) {
            String candidate = base + "_" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * The slug without any trailing {@code _<digits>} groups. Every slug that a create could pick
     * for a base ({@code base}, {@code base_2}, ...) has the base's family, and so has an explicit
     * slug that could collide with one of them: locking the family serializes exactly the creates
     * that can collide.
     */
    public static String family(String slug) {
        return slug.replaceAll("(_\\d+)+$", "");
    }
}
