package mind.settings.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code _tag[ID].field} key of {@code POST /settings}: enneo's way of changing a tag's property in the
 * same request as settings. Parsed here only; see {@code SettingsService#applyTagField}.
 */
public record TagFieldKey(long tagId, String field) {

    private static final Pattern KEY = Pattern.compile("^_tag\\[(\\d{1,18})]\\.([A-Za-z][A-Za-z0-9_]{0,63})$");

    /** Whether a key is meant as a tag key at all (well-formed or not). */
    public static boolean looksLikeTagKey(String key) {
        return key.startsWith("_tag[");
    }

    /** The tag id and field of a well-formed tag key; empty for anything else. */
    public static Optional<TagFieldKey> parse(String key) {
        Matcher m = KEY.matcher(key);
        return m.matches() ? Optional.of(new TagFieldKey(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }
}
